//! Python bindings: `nghiquyet.extract`, `nghiquyet.extract_json`,
//! `nghiquyet.repair`, `nghiquyet.expand_inputs`.
//!
//! Records cross into Python as the CLI's own JSON (serde_json, then
//! `json.loads`), not through a second converter: one serializer means the
//! dicts are the CLI's records field for field, in the same key order, and
//! the contract stays defined in one place (`nghiquyet::schema`).
//!
//! Every call releases the GIL for the pipeline's work (`Python::detach`),
//! so Python threads, and engines that run tasks on threads, process
//! documents in parallel.

use nghiquyet::ocr::{OcrMode, OcrOptions};
use nghiquyet::Pipeline;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The name given to an input passed as bytes without a `name`; a `%PDF`
/// header is read as PDF whatever the name, other bytes as plain text.
const BYTES_NAME: &str = "<bytes>.txt";

/// One pipeline per OCR mode, built on first use: building one loads the
/// language and error models (embedded), which costs far more than a
/// small document.
static PIPELINES: [OnceLock<Pipeline>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// The pipeline the CLI's `extract` builds with default flags and
/// `--ocr MODE`.
fn pipeline(ocr: &str) -> PyResult<&'static Pipeline> {
    let (slot, mode) = match ocr {
        "auto" => (0, OcrMode::Auto),
        "never" => (1, OcrMode::Never),
        "always" => (2, OcrMode::Always),
        other => {
            return Err(PyValueError::new_err(format!(
                "ocr must be \"auto\", \"never\" or \"always\", not {other:?}"
            )))
        }
    };
    Ok(PIPELINES[slot]
        .get_or_init(|| Pipeline::builder().ocr(OcrOptions { mode, ..Default::default() }).build()))
}

/// An input as Rust owns it, so the work can run without the GIL.
enum Input {
    Path(PathBuf),
    Bytes(PathBuf, Vec<u8>),
}

fn input_of(source: &Bound<'_, PyAny>, name: Option<String>) -> PyResult<Input> {
    if let Ok(bytes) = source.cast::<PyBytes>() {
        let name = name.unwrap_or_else(|| BYTES_NAME.to_string());
        return Ok(Input::Bytes(PathBuf::from(name), bytes.as_bytes().to_vec()));
    }
    if source.is_instance_of::<PyString>() || source.hasattr("__fspath__")? {
        let os = source.py().import("os")?;
        let path: String = os.call_method1("fspath", (source,))?.extract()?;
        return Ok(Input::Path(PathBuf::from(path)));
    }
    Err(PyTypeError::new_err("extract() takes a path (str or os.PathLike) or bytes"))
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// extract(path_or_bytes, ocr="auto", name=None) -> dict
///
/// The record of one document, the same as `nghiquyet extract` prints. A
/// document that cannot be read gives a record with an "error" block, as
/// in the CLI; nothing is raised for it. `name` is the `source.path` of
/// bytes input (default "<bytes>.txt"; a `%PDF` header is read as PDF).
#[pyfunction]
#[pyo3(signature = (source, ocr = "auto", name = None))]
fn extract<'py>(
    py: Python<'py>,
    source: &Bound<'py, PyAny>,
    ocr: &str,
    name: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = extract_json(py, source, ocr, name)?;
    json_loads(py, &text)
}

/// extract_json(path_or_bytes, ocr="auto", name=None) -> str
///
/// The record as one line of JSON, byte for byte the line `nghiquyet
/// extract --jsonl` writes: for engines that write archives.
#[pyfunction]
#[pyo3(signature = (source, ocr = "auto", name = None))]
fn extract_json(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    ocr: &str,
    name: Option<String>,
) -> PyResult<String> {
    let pipeline = pipeline(ocr)?;
    let input = input_of(source, name)?;
    py.detach(move || {
        let record = match &input {
            Input::Path(p) => pipeline.process_path(p),
            Input::Bytes(p, b) => pipeline.process_bytes(p, b),
        };
        serde_json::to_string(&record)
    })
    .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// repair(text) -> (text, repairs)
///
/// OCR text repaired as `nghiquyet repair` does: the same lines and white
/// space, only tokens changed; `repairs` is the list `nghiquyet repair
/// --json` prints.
#[pyfunction]
fn repair<'py>(py: Python<'py>, text: String) -> PyResult<(String, Bound<'py, PyAny>)> {
    let pipeline = pipeline("auto")?;
    let (fixed, repairs) = py.detach(move || {
        let (fixed, repairs) = pipeline.repair_text(&text);
        (fixed.as_str().to_string(), serde_json::to_string(&repairs))
    });
    let repairs = repairs.map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((fixed, json_loads(py, &repairs)?))
}

/// expand_inputs(paths) -> list[str]
///
/// Files kept as given, directories walked for .pdf and .txt files in the
/// CLI's order: an engine that splits this list processes exactly the
/// inputs `nghiquyet batch` would.
#[pyfunction]
fn expand_inputs(py: Python<'_>, paths: Vec<String>) -> Vec<String> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    py.detach(move || {
        nghiquyet::pipeline::expand_inputs(&paths).iter().map(|p| Path::display(p).to_string()).collect()
    })
}

/// The compiled part of the `nghiquyet` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(repair, m)?)?;
    m.add_function(wrap_pyfunction!(expand_inputs, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
