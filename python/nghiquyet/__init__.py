"""nghiquyet: Vietnamese resolution documents to clean text and structured records.

The functions are the Rust library's (see the repository's README); records
are the same as the ``nghiquyet`` command line's, and every call releases
the GIL while it works.
"""

from ._native import __version__, expand_inputs, extract, extract_json, repair

__all__ = ["__version__", "expand_inputs", "extract", "extract_json", "repair"]
