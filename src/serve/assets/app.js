// Review page of `nghiquyet serve`.
//
// The record's text and fields come from an untrusted PDF: every piece of
// document text enters the DOM through `textContent`, text nodes or
// attributes set as properties, never by parsing HTML strings. Spans in the
// record are counted in Unicode scalar values (code points), so the text is
// handled as an array of code points, never sliced by UTF-16 index.
'use strict';
(() => {
  const LOW_CONFIDENCE = 0.8;
  const CONTEXT_CHARS = 40;

  const $ = (id) => document.getElementById(id);

  /** Creates an element; children are nodes or strings (as text nodes). */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'on') for (const [ev, fn] of Object.entries(value)) node.addEventListener(ev, fn);
      else if (key in node && !key.startsWith('data') && !key.startsWith('aria')) node[key] = value;
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  const clone = (v) => JSON.parse(JSON.stringify(v));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  const state = {
    original: null,   // the record as loaded (never modified)
    record: null,     // working copy: field edits applied
    cps: [],          // record.text as code points
    joins: new Set(), // offsets of line breaks shown as spaces (inside a paragraph)
    nodes: [],        // text nodes of the text pane: {start, end, node}
    marks: new Map(), // repair index → its <mark> elements
    items: new Map(), // repair index → its list item
    decisions: new Map(),   // repair index → 'accepted' | 'rejected'
    corrections: new Map(), // repair index → the clerk's own correction
    edits: new Map(),       // JSON pointer → {path, from, to}
    bound: new Map(),       // JSON pointer → inputs showing that value
    prior: null,            // the `review` block of a re-opened record
    current: -1,            // repair selected with j/k
    focused: null,          // the Range highlighted in the text
    focusedRow: null,
    dirty: false,           // review changes not yet downloaded
    seen: new Map(),        // source.path → every record opened in this page (for "what is due")
  };

  const REASONS = {
    nonword: 'không phải âm tiết tiếng Việt', realword: 'sai theo ngữ cảnh', split_merge: 'tách/ghép từ',
    numeral: 'chữ số', encoding: 'lỗi bảng mã', symbol: 'số ký hiệu văn bản', date: 'ngày tháng',
    percent: 'dấu phần trăm', punctuation: 'dấu câu', marker: 'đánh số mục', acronym: 'chữ viết tắt',
  };
  const KINDS = { by: 'Hạn chót', during: 'Trong kỳ', period: 'Giai đoạn', recurring: 'Định kỳ' };
  const RECURRENCE = { weekly: 'hằng tuần', monthly: 'hằng tháng', quarterly: 'hằng quý', semiannual: '6 tháng', yearly: 'hằng năm' };
  const ROLES = [
    ['lead', 'Chủ trì'], ['support', 'Phối hợp'], ['direct', 'Chỉ đạo'], ['implement', 'Thực hiện'],
    ['advise', 'Tham mưu'], ['supervise', 'Kiểm tra, giám sát'], ['report_to', 'Nhận báo cáo'],
  ];
  const COMPARATORS = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤', approx: '≈', range: '' };
  const LAYERS = { digital: 'văn bản số', ocr: 'lớp OCR', mixed: 'hỗn hợp', none: 'không có chữ', plain_text: 'tệp văn bản' };
  // Vietnamese for every code a refusal or a record's `error` can carry:
  // the server's refusals (src/serve/api.rs `Refusal`) and the library's
  // error codes (src/error.rs) share one list; a test checks that every
  // one has its line here. The English detail stays behind a disclosure.
  const CODES = {
    bad_request: 'Yêu cầu gửi lên không hợp lệ',
    missing_file: 'Yêu cầu không có tệp văn bản (trường «file»)',
    forbidden_host: 'Địa chỉ máy chủ không được phép',
    forbidden_origin: 'Yêu cầu đến từ một trang web khác nên bị từ chối',
    not_found: 'Không tìm thấy',
    body_timeout: 'Tệp tải lên bị ngắt giữa chừng hoặc gửi quá chậm',
    too_large: 'Tệp quá lớn',
    too_many_pages: 'Văn bản có quá nhiều trang',
    unsupported_type: 'Không phải tệp PDF hoặc tệp văn bản .txt',
    busy: 'Máy chủ đang bận, xin thử lại sau ít phút',
    internal_error: 'Lỗi nội bộ của chương trình (xin gửi lại tệp này cho người quản trị)',
    model_error: 'Bản cài đặt bị hỏng: không nạp được mô hình sửa lỗi (xin báo người quản trị)',
    unreadable: 'Không đọc được tệp',
    invalid_text: 'Tệp văn bản không ở dạng UTF-8 (có thể dùng bảng mã cũ TCVN3, VNI)',
    not_a_pdf: 'Tệp không phải là PDF',
    encrypted: 'PDF được mã hóa (có mật khẩu), không đọc được',
    malformed_pdf: 'PDF bị hỏng, không đọc được',
    timeout: 'Xử lý quá thời gian cho phép',
  };
  // Warnings a record may carry (pdf/, ocr/, parse/); others get a generic line.
  const WARNINGS = {
    page_without_text: 'Trang không có chữ đọc được',
    pdf_content: 'Một phần nội dung trang bị lỗi, đã bỏ qua',
    resource_limit: 'Trang vượt giới hạn an toàn (dữ liệu quá lớn hoặc lồng quá sâu), đã bỏ qua',
    stream_too_large: 'Dữ liệu nén vượt giới hạn giải nén, đã bỏ qua',
    deadline: 'Hết thời gian, các trang còn lại chưa được đọc',
    ocr_unavailable: 'Chưa cài chương trình nhận dạng chữ (Tesseract tiếng Việt)',
    ocr_timeout: 'Nhận dạng chữ (OCR) trang này quá thời gian',
    ocr_failed: 'Nhận dạng chữ (OCR) trang này không thành công',
    kind_inferred: 'Loại văn bản được suy ra, không ghi rõ trong văn bản',
    no_outline: 'Không nhận ra đề mục của văn bản',
    deadline_before_issue: 'Thời hạn sớm hơn ngày ban hành văn bản, cần kiểm tra lại năm',
    deadline_year_conflict: 'Cùng một ngày tháng được ghi với hai năm liền nhau trong văn bản, cần kiểm tra lại năm',
    empty_input: 'Tệp không có nội dung chữ nào',
    legacy_encoding: 'Tệp dùng bảng mã cũ (TCVN3, VNI hoặc VISCII), đã chuyển sang Unicode',
    page_unreadable: 'Không đọc được trang này, đã bỏ qua',
    unmapped_glyphs: 'Một số ký tự của phông chữ không đọc được',
    unusable_text_layer: 'Lớp chữ của trang bị hỏng, không dùng được',
    header_issuer_missing: 'Không tìm thấy cơ quan ban hành ở phần đầu văn bản',
    number_blank: 'Số văn bản để trống (chưa ghi số)',
  };
  const codeText = (code) => CODES[code] || WARNINGS[code] || `Lỗi «${code}»`;

  /** The English detail of a message, folded away. */
  function detail(message) {
    if (!message) return null;
    return el('details', { class: 'detail' }, el('summary', { text: 'Chi tiết (tiếng Anh)' }), el('code', { text: message }));
  }

  /** The status line: `text`, then (optionally) an English detail. */
  function setStatus(text, kind, english) {
    const s = $('status');
    s.replaceChildren(...[el('span', { class: 'status-text', text }), detail(english)].filter(Boolean));
    s.dataset.state = kind;
  }

  /** Nothing on screen any more: after a refusal, no stale document stays
   * with a live download button. */
  function clearDocument() {
    state.record = null;
    state.original = null;
    state.cps = [];
    state.dirty = false;
    $('main').hidden = true;
    $('download-json').disabled = true;
    $('download-jsonl').disabled = true;
  }

  // ---- text and spans -------------------------------------------------

  const slice = (start, end) => state.cps.slice(start, end).join('');
  const validSpan = (s) =>
    s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= state.cps.length;

  /** The DOM position of a code-point offset in the text pane. */
  function domPoint(offset) {
    const nodes = state.nodes;
    let lo = 0, hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nodes[mid].start <= offset) lo = mid; else hi = mid - 1;
    }
    const n = nodes[lo];
    if (!n) return null;
    const within = Math.min(Math.max(offset - n.start, 0), n.end - n.start);
    return { node: n.node, offset: slice(n.start, n.start + within).length };
  }

  /** Highlights `span` in the text and scrolls it into view. */
  function focusSpan(span, row) {
    if (!validSpan(span) || state.nodes.length === 0) return;
    const a = domPoint(span.start), b = domPoint(span.end);
    if (!a || !b) return;
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    state.focused = range;
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set('nq-focus', new Highlight(range));
    } else {
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    if (state.focusedRow) state.focusedRow.classList.remove('focused');
    state.focusedRow = row || null;
    if (row) row.classList.add('focused');
    const pane = $('textpane');
    const rect = range.getBoundingClientRect();
    const paneRect = pane.getBoundingClientRect();
    if (rect.top < paneRect.top + 40 || rect.bottom > paneRect.bottom - 20) {
      pane.scrollTop += rect.top - paneRect.top - pane.clientHeight / 3;
    }
  }

  function goButton(span, rowFn) {
    return el('button', {
      type: 'button', class: 'go', text: 'Xem', title: 'Xem trong văn bản',
      'aria-label': 'Xem trong văn bản', on: { click: (e) => { e.stopPropagation(); focusSpan(span, rowFn()); } },
    });
  }

  /** Makes a row (or item) show its span when clicked outside its inputs. */
  function linkRow(row, span) {
    row.addEventListener('click', (e) => {
      if (e.target.closest('input, textarea, button, a')) return;
      focusSpan(span, row);
    });
  }

  function renderText() {
    const box = $('doc-text');
    box.replaceChildren();
    state.nodes = [];
    state.marks = new Map();
    const len = state.cps.length;
    const showPages = state.record.source && state.record.source.pages !== null && state.record.source.pages !== undefined;
    const pageStarts = new Map();
    if (showPages) {
      for (const p of state.record.pages || []) if (validSpan(p.span)) pageStarts.set(p.span.start, p.page);
    }
    // Repairs that fit the text, in order, without overlaps.
    const repairs = [];
    let last = 0;
    state.record.repairs
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => validSpan(r.span) && r.span.end > r.span.start)
      .sort((x, y) => x.r.span.start - y.r.span.start)
      .forEach((x) => { if (x.r.span.start >= last) { repairs.push(x); last = x.r.span.end; } });
    const cuts = new Set([0, len, ...pageStarts.keys()]);
    for (const j of state.joins) { cuts.add(j); cuts.add(j + 1); }
    for (const { r } of repairs) { cuts.add(r.span.start); cuts.add(r.span.end); }
    const points = [...cuts].filter((c) => c >= 0 && c <= len).sort((a, b) => a - b);
    let k = 0;
    const frag = document.createDocumentFragment();
    const emitted = new Set();
    for (let j = 0; j + 1 < points.length || (j === 0 && len === 0); j++) {
      const start = points[j], end = points[j + 1] ?? start;
      if (pageStarts.has(start) && !emitted.has(start)) {
        emitted.add(start);
        frag.append(el('span', { class: 'page-mark', 'data-label': `Trang ${pageStarts.get(start)}`, 'aria-hidden': 'true' }));
      }
      if (end <= start) continue;
      while (k < repairs.length && repairs[k].r.span.end <= start) k++;
      const node = document.createTextNode(slice(start, end));
      state.nodes.push({ start, end, node });
      // A line break inside a paragraph shows as a space (the text itself
      // keeps it: spans count it).
      const shown = end === start + 1 && state.joins.has(start) ? el('span', { class: 'join' }, node) : node;
      const hit = repairs[k] && repairs[k].r.span.start <= start && end <= repairs[k].r.span.end ? repairs[k] : null;
      if (!hit) { frag.append(shown); continue; }
      const { r, i } = hit;
      const mark = el('mark', {
        class: 'repair' + (r.confidence < LOW_CONFIDENCE ? ' low' : ''),
        title: `Gốc (OCR): «${r.from}» → «${r.to}» · độ tin cậy ${pct(r.confidence)} · ${REASONS[r.reason] || r.reason}`,
        'data-repair': i, 'data-orig': r.from,
        on: { click: () => selectRepair(i, true) },
      }, shown);
      frag.append(mark);
      if (!state.marks.has(i)) state.marks.set(i, []);
      state.marks.get(i).push(mark);
    }
    box.append(frag);
  }

  const pct = (c) => (typeof c === 'number' ? `${Math.round(c * 100)}%` : '?');

  // ---- editing --------------------------------------------------------

  const pointer = (path) => '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

  function getAt(obj, path) {
    let v = obj;
    for (const p of path) { if (v === null || v === undefined) return null; v = v[p]; }
    return v === undefined ? null : v;
  }

  function setAt(obj, path, value) {
    let v = obj;
    for (let i = 0; i < path.length - 1; i++) {
      if (v[path[i]] === null || v[path[i]] === undefined) v[path[i]] = path[i] === 'signer' ? { name: null, title: null, capacity: null } : {};
      v = v[path[i]];
    }
    v[path[path.length - 1]] = value;
  }

  /**
   * A date as a clerk types it, `dd/mm/yyyy` (also `d/m/yyyy`, with `.` or
   * `-`) or ISO `yyyy-mm-dd`, as ISO; null when it is no real date.
   */
  function parseDate(raw) {
    const t = raw.trim();
    let x = /^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$/.exec(t);
    let y, m, d;
    if (x) [d, m, y] = [Number(x[1]), Number(x[2]), Number(x[3])];
    else if ((x = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(t))) [y, m, d] = [Number(x[1]), Number(x[2]), Number(x[3])];
    else return null;
    const dt = new Date(Date.UTC(y, m - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
    return `${x[1].length === 4 ? x[1] : x[3]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  /** An ISO date shown the Vietnamese way, `dd/mm/yyyy`. */
  const vnDate = (iso) => {
    const x = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso || '');
    return x ? `${x[3]}/${x[2]}/${x[1]}` : iso || '';
  };

  /**
   * An input bound to a field of the record. `type`: 'text' (nullable
   * string), 'required' (string), 'date' (ISO or null, typed dd/mm/yyyy),
   * 'number', 'lines', 'select' (one of `options`, [value, label] pairs).
   */
  function field(path, type, label, multiline, options) {
    const value = getAt(state.record, path);
    const shown = type === 'lines' ? (value || []).join('\n') : type === 'date' ? vnDate(value)
      : value === null ? '' : String(value);
    let input;
    if (type === 'select') {
      const known = options.some(([v]) => v === value);
      input = el('select', { 'aria-label': label },
        known ? null : el('option', { value: value ?? '', text: value ?? '—' }),
        options.map(([v, text]) => el('option', { value: v, text })));
    } else if (multiline || type === 'lines') {
      input = el('textarea', { rows: Math.min(6, Math.max(type === 'lines' ? 3 : 2, Math.ceil(shown.length / 50))), 'aria-label': label });
    } else {
      input = el('input', {
        type: 'text', 'aria-label': label, placeholder: type === 'date' ? 'dd/mm/yyyy' : '',
        class: type === 'date' || type === 'number' ? type : null,
      });
    }
    input.value = shown;
    if (type === 'date') {
      // A date fixed while typing loses its error mark at once.
      input.addEventListener('input', () => {
        if (input.value.trim() === '' || parseDate(input.value)) input.removeAttribute('aria-invalid');
      });
    }
    const ptr = pointer(path);
    if (!state.bound.has(ptr)) state.bound.set(ptr, []);
    state.bound.get(ptr).push(input);
    if (state.edits.has(ptr)) input.classList.add('edited');
    input.addEventListener('change', () => {
      const raw = input.value;
      let next;
      if (type === 'lines') next = raw.split('\n').map((l) => l.trim()).filter(Boolean);
      else if (type === 'required') next = raw;
      else if (type === 'select') next = raw === '' ? null : raw;
      else if (type === 'date') {
        next = raw.trim() === '' ? null : parseDate(raw);
        if (raw.trim() !== '' && next === null) {
          input.setAttribute('aria-invalid', 'true');
          setStatus(`${label}: «${raw.trim()}» không phải một ngày; hãy nhập theo dạng ngày/tháng/năm, ví dụ 15/12/2024.`, 'error');
          return;
        }
        input.value = vnDate(next);
        if ($('status').dataset.state === 'error') setStatus(`${label}: đã ghi ngày ${vnDate(next) || '(trống)'}.`, 'info');
      } else if (type === 'number') {
        next = Number(raw.trim().replace(',', '.'));
        if (raw.trim() === '' || !Number.isFinite(next)) { input.setAttribute('aria-invalid', 'true'); setStatus(`${label}: cần một số`, 'error'); return; }
      } else next = raw.trim() === '' ? null : raw;
      input.removeAttribute('aria-invalid');
      setAt(state.record, path, next);
      if (path[0] === 'deadlines' && path.length === 3) syncDeadline(path[1], path[2], next);
      const from = getAt(state.original, path);
      if (same(from, next)) state.edits.delete(ptr); else state.edits.set(ptr, { path: ptr, from, to: next });
      state.dirty = true;
      for (const other of state.bound.get(ptr)) {
        if (other !== input) other.value = input.value;
        other.classList.toggle('edited', state.edits.has(ptr));
      }
      updateSummary();
    });
    return input;
  }

  /**
   * An assignment or target carries a copy of its deadline (the same span
   * as in `deadlines`): an edit of the deadline reaches the copies too, so
   * the corrected record and the list of what is due agree with the table.
   */
  function syncDeadline(i, key, value) {
    const d = state.record.deadlines[i];
    if (!d || !d.span) return;
    for (const owner of [...state.record.assignments, ...state.record.targets]) {
      const c = owner && owner.deadline;
      if (c && c.span && c.span.start === d.span.start && c.span.end === d.span.end) c[key] = clone(value);
    }
  }

  // ---- panels ---------------------------------------------------------

  function table(headers, rows, emptyText) {
    if (rows.length === 0) return el('p', { class: 'empty', text: emptyText });
    return el('table', {},
      el('thead', {}, el('tr', {}, headers.map(([h, cls]) => el('th', { class: cls, text: h, scope: 'col' })))),
      el('tbody', {}, rows));
  }

  function renderMeta() {
    const d = ['document'];
    const rows = [
      ['kind', 'Loại văn bản'], ['number', 'Số, ký hiệu'], ['issuer', 'Cơ quan ban hành'],
      ['issuer_superior', 'Cơ quan cấp trên'], ['place', 'Địa danh'], ['date', 'Ngày ban hành'],
    ];
    const grid = el('div', { class: 'meta-grid' });
    const add = (label, input) => {
      input.id = 'f-' + label.replace(/[^a-z]/gi, '') + grid.children.length;
      grid.append(el('label', { htmlFor: input.id, text: label }), input);
    };
    for (const [key, label] of rows) add(label, field([...d, key], key === 'date' ? 'date' : 'text', label));
    add('Trích yếu', field([...d, 'title'], 'text', 'Trích yếu', true));
    add('Người ký', field([...d, 'signer', 'name'], 'text', 'Người ký'));
    add('Chức vụ', field([...d, 'signer', 'title'], 'text', 'Chức vụ'));
    add('Thẩm quyền ký', field([...d, 'signer', 'capacity'], 'text', 'Thẩm quyền ký'));
    add('Nơi nhận', field([...d, 'recipients'], 'lines', 'Nơi nhận (mỗi dòng một nơi)'));
    const s = state.record.source || {};
    const src = el('p', { class: 'source' },
      `Tệp: ${s.path ?? '?'} · ${s.pages ? `${s.pages} trang · ` : ''}${LAYERS[s.text_layer] || s.text_layer || ''}` +
      `${s.sha256 ? ` · sha256 ${String(s.sha256).slice(0, 12)}…` : ''}`);
    $('meta').replaceChildren(grid, src);
  }

  function contextOf(r) {
    const before = slice(Math.max(0, r.span.start - CONTEXT_CHARS), r.span.start);
    const after = slice(r.span.end, Math.min(state.cps.length, r.span.end + CONTEXT_CHARS));
    return { before, after };
  }

  function renderRepairs() {
    const list = $('repairs');
    list.replaceChildren();
    state.items = new Map();
    const repairs = state.record.repairs;
    $('repairs-count').textContent = `(${repairs.length})`;
    if (repairs.length === 0) {
      list.append(el('li', { class: 'empty none', text: 'Không có sửa lỗi nào.' }));
      return;
    }
    const order = repairs.map((r, i) => i).sort((a, b) => (repairs[a].span?.start ?? 0) - (repairs[b].span?.start ?? 0));
    for (const i of order) {
      const r = repairs[i];
      const low = r.confidence < LOW_CONFIDENCE;
      const ok = validSpan(r.span);
      const ctx = ok ? contextOf(r) : { before: '', after: '' };
      const correction = el('input', {
        type: 'text', class: 'correction', placeholder: 'hoặc sửa thành…', 'aria-label': `Sửa «${r.from}» thành`,
      });
      correction.value = state.corrections.get(i) || '';
      correction.addEventListener('change', () => {
        const v = correction.value.trim();
        if (v && v !== r.from) { state.corrections.set(i, v); decide(i, 'rejected', true); }
        else { state.corrections.delete(i); decide(i, state.decisions.get(i) || null, true); }
      });
      const item = el('li', { class: 'repair-item', tabIndex: -1, 'data-repair': i },
        el('div', { class: 'line' },
          el('span', {}, r.page ? `Trang ${r.page}` : ''),
          el('span', {}, el('span', { class: 'from', text: r.from }), ' → ', el('span', { class: 'to', text: r.to })),
          el('span', { class: 'conf' + (low ? ' low' : ''), text: `${low ? '⚠ ' : ''}tin cậy ${pct(r.confidence)}` }),
          el('span', { class: 'reason', text: REASONS[r.reason] || r.reason }),
          el('span', { class: 'decision', text: '' })),
        el('div', { class: 'ctx' }, '…', ctx.before, el('b', { text: r.to }), ctx.after, '…'),
        el('div', { class: 'line' },
          el('button', { type: 'button', class: 'accept', text: 'Chấp nhận', 'aria-pressed': 'false', on: { click: () => decide(i, 'accepted') } }),
          el('button', { type: 'button', class: 'reject', text: 'Từ chối', 'aria-pressed': 'false', on: { click: () => decide(i, 'rejected') } }),
          correction));
      if (ok) linkRow(item, r.span);
      item.addEventListener('click', (e) => { if (!e.target.closest('input, button')) selectRepair(i, false); });
      list.append(item);
      state.items.set(i, item);
      showDecision(i);
    }
  }

  /** Records a decision; clicking the same decision again undoes it. */
  function decide(i, decision, keep) {
    const now = state.decisions.get(i) || null;
    const next = !keep && now === decision ? null : decision;
    if (next) state.decisions.set(i, next); else state.decisions.delete(i);
    if (next !== 'rejected') state.corrections.delete(i);
    state.dirty = true;
    showDecision(i);
    updateSummary();
  }

  /**
   * Accepts every undecided repair whose confidence, as shown (rounded to
   * a whole per cent), is at least `threshold` per cent; one undo step.
   */
  function acceptFrom(threshold) {
    const batch = [];
    state.record.repairs.forEach((r, i) => {
      if (!state.decisions.has(i) && typeof r.confidence === 'number' && Math.round(r.confidence * 100) >= threshold) {
        state.decisions.set(i, 'accepted');
        batch.push(i);
      }
    });
    if (batch.length) state.bulk.push(batch);
    state.dirty = state.dirty || batch.length > 0;
    batch.forEach(showDecision);
    $('bulk-undo').disabled = state.bulk.length === 0;
    updateSummary();
    setStatus(`Đã chấp nhận ${batch.length} sửa lỗi có độ tin cậy từ ${threshold}% trở lên.`, 'info');
  }

  /** Undoes the last "accept all": only the decisions it made and that
   * the clerk has not changed since. */
  function undoBulk() {
    const batch = state.bulk.pop() || [];
    let undone = 0;
    for (const i of batch) if (state.decisions.get(i) === 'accepted') { state.decisions.delete(i); undone++; }
    batch.forEach(showDecision);
    $('bulk-undo').disabled = state.bulk.length === 0;
    updateSummary();
    setStatus(`Đã hoàn tác: ${undone} sửa lỗi trở lại chưa quyết định.`, 'info');
  }

  function showDecision(i) {
    const d = state.decisions.get(i) || null;
    const r = state.record.repairs[i];
    const item = state.items.get(i);
    const corr = state.corrections.get(i);
    if (item) {
      item.classList.toggle('accepted', d === 'accepted');
      item.classList.toggle('rejected', d === 'rejected');
      item.querySelector('.decision').textContent =
        d === 'accepted' ? '✓ đã chấp nhận' : d === 'rejected' ? `✗ từ chối — giữ «${corr || r.from}»` : '';
      item.querySelector('button.accept').setAttribute('aria-pressed', String(d === 'accepted'));
      item.querySelector('button.reject').setAttribute('aria-pressed', String(d === 'rejected'));
      if (!corr) item.querySelector('input.correction').value = '';
    }
    for (const m of state.marks.get(i) || []) {
      m.classList.toggle('accepted', d === 'accepted');
      m.classList.toggle('rejected', d === 'rejected');
      m.dataset.orig = corr || r.from;
    }
  }

  /** Selects repair `i`: marks it, shows it in the list and in the text. */
  function selectRepair(i, fromText) {
    const r = state.record.repairs[i];
    if (!r) return;
    for (const m of state.marks.get(state.current) || []) m.classList.remove('current');
    state.current = i;
    for (const m of state.marks.get(i) || []) m.classList.add('current');
    const item = state.items.get(i);
    if (item) {
      item.focus({ preventScroll: !fromText });
      if (fromText) item.scrollIntoView({ block: 'nearest' });
    }
    focusSpan(r.span, item);
  }

  function quantityCells(path, quantities) {
    if (!quantities || quantities.length === 0) return el('span', { class: 'empty', text: '—' });
    return quantities.map((q, k) => {
      const p = [...path, 'quantities', k];
      const parts = [];
      if (q.subject !== undefined) {
        const subject = field([...p, 'subject'], 'text', `Đối tượng ${k + 1}`);
        subject.classList.add('subject');
        parts.push(subject);
      }
      if (q.comparator !== 'range') parts.push(COMPARATORS[q.comparator] ?? q.comparator);
      parts.push(field([...p, 'value'], 'number', `Giá trị ${k + 1}`));
      if (q.comparator === 'range') parts.push('–', field([...p, 'value_max'], 'number', `Giá trị tối đa ${k + 1}`));
      parts.push(field([...p, 'unit'], 'text', `Đơn vị ${k + 1}`));
      return el('span', { class: 'qty' }, parts);
    });
  }

  function deadlineText(d) {
    if (!d) return '';
    const kind = KINDS[d.kind] || d.kind;
    const when = d.kind === 'recurring' ? (RECURRENCE[d.recurrence] || d.recurrence || '')
      : d.start ? `${vnDate(d.start)} → ${d.date ? vnDate(d.date) : '?'}` : vnDate(d.date);
    return `${kind}: ${when}`;
  }

  function renderTargets() {
    const targets = state.record.targets;
    $('targets-count').textContent = `(${targets.length})`;
    const rows = targets.map((t, i) => {
      const p = ['targets', i];
      let row;
      row = el('tr', { 'data-index': i },
        el('td', { class: 'num' }, goButton(t.span, () => row), ' ', t.label ? `(${t.label})` : ''),
        el('td', { class: 'narrow' }, field([...p, 'group'], 'text', 'Nhóm', true)),
        el('td', { class: 'wide' }, field([...p, 'text'], 'required', 'Chỉ tiêu', true)),
        el('td', { class: 'qty-cell' }, quantityCells(p, t.quantities)),
        el('td', { class: 'num', text: deadlineText(t.deadline) }),
        el('td', { class: 'num', text: t.page ?? '' }));
      linkRow(row, t.span);
      return row;
    });
    $('targets').replaceChildren(table(
      [['', 'num'], ['Nhóm', 'narrow'], ['Chỉ tiêu', 'wide'], ['Số lượng'], ['Thời hạn', 'num'], ['Tr.', 'num']], rows, 'Không tìm thấy chỉ tiêu.'));
  }

  /** Deadlines in date order (undated last), each with its index in the record. */
  function sortedDeadlines() {
    return state.record.deadlines
      .map((d, i) => ({ d, i }))
      .sort((x, y) => {
        const a = x.d.date || x.d.start || '9999-99-99', b = y.d.date || y.d.start || '9999-99-99';
        return a < b ? -1 : a > b ? 1 : (x.d.span?.start ?? 0) - (y.d.span?.start ?? 0);
      });
  }

  function renderDeadlines() {
    const deadlines = state.record.deadlines;
    $('deadlines-count').textContent = `(${deadlines.length})`;
    const rows = sortedDeadlines().map(({ d, i }) => {
      const p = ['deadlines', i];
      let row;
      row = el('tr', { 'data-index': i, 'data-kind': d.kind },
        el('td', { class: 'num' }, goButton(d.span, () => row)),
        el('td', { class: 'num' }, field([...p, 'kind'], 'select', 'Loại thời hạn', false, Object.entries(KINDS)),
          d.kind === 'recurring' && d.recurrence ? ` (${RECURRENCE[d.recurrence] || d.recurrence})` : ''),
        el('td', { class: 'num' }, field([...p, 'start'], 'date', 'Từ ngày')),
        el('td', { class: 'num' }, field([...p, 'date'], 'date', 'Đến ngày')),
        el('td', {}, el('div', { text: d.text }), d.task ? el('div', { class: 'ctx' }, field([...p, 'task'], 'text', 'Nhiệm vụ', true)) : null),
        el('td', { class: 'num', text: d.page ?? '' }));
      linkRow(row, d.span);
      return row;
    });
    $('deadlines').replaceChildren(table(
      [['', 'num'], ['Loại', 'num'], ['Từ', 'num'], ['Đến', 'num'], ['Nội dung'], ['Tr.', 'num']], rows, 'Không tìm thấy thời hạn.'));
  }

  function renderAssignments() {
    const assignments = state.record.assignments;
    $('assignments-count').textContent = `(${assignments.length})`;
    const groups = new Map();
    assignments.forEach((a, i) => {
      const bodies = a.bodies && a.bodies.length ? a.bodies : [{ name: '(chưa rõ cơ quan)', role: null }];
      for (const b of bodies) {
        if (!groups.has(b.name)) groups.set(b.name, new Map());
        const roles = groups.get(b.name);
        if (!roles.has(b.role)) roles.set(b.role, []);
        roles.get(b.role).push(i);
      }
    });
    const box = $('assignments');
    box.replaceChildren();
    if (groups.size === 0) { box.append(el('p', { class: 'empty', text: 'Không tìm thấy phân công.' })); return; }
    const names = [...groups.keys()].sort((a, b) => a.localeCompare(b, 'vi'));
    const roleOrder = new Map(ROLES.map(([r], k) => [r, k]));
    for (const name of names) {
      const roles = groups.get(name);
      const group = el('div', { class: 'body-group' }, el('h3', { text: name }));
      const ul = el('ul');
      const keys = [...roles.keys()].sort((a, b) => (roleOrder.get(a) ?? 99) - (roleOrder.get(b) ?? 99));
      for (const role of keys) {
        const label = (ROLES.find(([r]) => r === role) || [null, role || 'khác'])[1];
        for (const i of roles.get(role)) {
          const a = assignments[i];
          let li;
          li = el('li', { 'data-index': i },
            el('span', { class: 'role', text: `${label}: ` }), goButton(a.span, () => li), ' ',
            field(['assignments', i, 'task'], 'required', 'Nhiệm vụ', true),
            el('div', { class: 'bodies-edit' }, (a.bodies || []).map((b, k) => el('span', { class: 'body-edit' },
              field(['assignments', i, 'bodies', k, 'name'], 'required', `Cơ quan ${k + 1}`),
              field(['assignments', i, 'bodies', k, 'role'], 'select', `Vai trò ${k + 1}`, false, ROLES)))),
            a.deadline ? el('div', { class: 'ctx', text: deadlineText(a.deadline) }) : null,
            a.page ? el('span', { class: 'ctx', text: `Trang ${a.page}` }) : null);
          linkRow(li, a.span);
          ul.append(li);
        }
      }
      group.append(ul);
      box.append(group);
    }
  }

  function renderReferences() {
    const refs = state.record.references;
    $('references-count').textContent = `(${refs.length})`;
    const rows = refs.map((r, i) => {
      const p = ['references', i];
      let row;
      row = el('tr', { 'data-index': i },
        el('td', { class: 'num' }, goButton(r.span, () => row)),
        el('td', {}, field([...p, 'kind'], 'text', 'Loại')),
        el('td', {}, field([...p, 'number'], 'text', 'Số, ký hiệu')),
        el('td', { class: 'num' }, field([...p, 'date'], 'date', 'Ngày')),
        el('td', {}, field([...p, 'issuer'], 'text', 'Cơ quan ban hành')),
        el('td', { class: 'num', text: r.page ?? '' }));
      linkRow(row, r.span);
      return row;
    });
    $('references').replaceChildren(table(
      [['', 'num'], ['Loại'], ['Số, ký hiệu'], ['Ngày', 'num'], ['Cơ quan'], ['Tr.', 'num']], rows, 'Không có văn bản viện dẫn.'));
  }

  function renderOutline() {
    const list = $('outline');
    list.replaceChildren();
    if (state.record.sections.length === 0) list.append(el('li', { class: 'empty', text: 'Không nhận ra đề mục.' }));
    for (const s of state.record.sections) {
      let li;
      li = el('li', {},
        el('button', { type: 'button', text: `${s.label} ${s.title}`.trim(), on: { click: () => focusSpan(s.span, li) } }),
        s.page ? el('span', { class: 'ctx', text: ` · tr. ${s.page}` }) : null);
      li.style.paddingLeft = `${Math.min(Math.max((Number(s.level) || 1) - 1, 0), 6) * 16}px`;
      list.append(li);
    }
  }

  function renderWarnings() {
    const list = $('warnings');
    list.replaceChildren();
    const ws = state.record.warnings || [];
    if (ws.length === 0) list.append(el('li', { class: 'empty', text: 'Không có.' }));
    for (const w of ws) {
      list.append(el('li', { 'data-code': w.code }, w.page ? `Trang ${w.page}: ` : '', codeText(w.code), detail(w.message)));
    }
    const box = $('error-box');
    if (state.record.error) {
      box.hidden = false;
      box.replaceChildren(...[el('span', { text: `Không xử lý được văn bản: ${codeText(state.record.error.code)}.` }),
        detail(state.record.error.message)].filter(Boolean));
    } else box.hidden = true;
  }

  function updateSummary() {
    const r = state.record;
    const low = r.repairs.filter((x) => x.confidence < LOW_CONFIDENCE).length;
    const rejected = [...state.decisions.values()].filter((d) => d === 'rejected').length;
    const accepted = state.decisions.size - rejected;
    $('summary').textContent =
      `${r.repairs.length} sửa lỗi (${low} độ tin cậy thấp; ${accepted} chấp nhận, ${rejected} từ chối) · ` +
      `${r.targets.length} chỉ tiêu · ${r.deadlines.length} thời hạn · ${r.assignments.length} phân công · ` +
      `${r.references.length} viện dẫn · ${state.edits.size} trường đã sửa`;
    $('download-jsonl').disabled = rejected === 0;
  }

  // ---- loading --------------------------------------------------------

  const LISTS = ['sections', 'targets', 'deadlines', 'assignments', 'references', 'repairs', 'pages', 'warnings'];

  function load(record) {
    if (!record || typeof record !== 'object' || typeof record.text !== 'string') {
      throw new Error('không phải bản ghi của nghiquyet (thiếu trường "text")');
    }
    for (const k of LISTS) if (!Array.isArray(record[k])) record[k] = [];
    if (!record.document || typeof record.document !== 'object') record.document = {};
    if (!Array.isArray(record.document.recipients)) record.document.recipients = [];
    state.prior = record.review && typeof record.review === 'object' ? record.review : null;
    delete record.review;
    state.original = clone(record);
    state.record = record;
    state.seen.set(seenKey(record), record);
    state.cps = Array.from(record.text);
    state.joins = new Set();
    state.decisions = new Map();
    state.bulk = [];
    state.dirty = false;
    state.restored = restoreDecisions(record);
    state.corrections = new Map();
    state.edits = new Map();
    state.bound = new Map();
    state.current = -1;
    state.focused = null;
    state.focusedRow = null;
    if (window.CSS && CSS.highlights) CSS.highlights.delete('nq-focus');
    $('main').hidden = false;
    renderText();
    renderMeta();
    renderRepairs();
    renderTargets();
    renderDeadlines();
    renderAssignments();
    renderReferences();
    renderOutline();
    renderWarnings();
    updateSummary();
    $('download-json').disabled = false;
    $('bulk-undo').disabled = true;
    $('panel').scrollTop = 0;
    $('textpane').scrollTop = 0;
    delete $('doc-text').dataset.paragraphs;
    showParagraphs(record);
    showTasks();
  }

  // ---- what is due, across the records seen ------------------------------

  const seenKey = (r) => (r.source && typeof r.source.path === 'string' ? r.source.path : '');
  const roleLabel = (role) => (ROLES.find(([r]) => r === role) || [null, role || 'khác'])[1];

  /** A record as `/api/tasks` reads it: its fields (with the clerk's
   * edits), without the text and the lists the selection does not read. */
  const forTasks = (r) => ({
    ...r, review: undefined, text: '', repairs: [], pages: [], sections: [], targets: [], references: [], warnings: [],
  });

  /**
   * Asks the server for what is due in every record seen, selected as
   * `nghiquyet tasks` selects (src/tasks.rs, one implementation): by body
   * and due date; `format` 'json' to show, 'csv' or 'ics' to download.
   */
  async function postTasks(format) {
    const raw = $('tasks-before').value.trim();
    const before = raw ? parseDate(raw) : null;
    if (raw && !before) {
      $('tasks-before').setAttribute('aria-invalid', 'true');
      setStatus(`Hạn trước ngày: «${raw}» không phải một ngày; hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2025.`, 'error');
      return null;
    }
    $('tasks-before').removeAttribute('aria-invalid');
    const records = [...state.seen.values()].map(forTasks);
    const request = { records, body: $('tasks-body').value.trim() || null, due_before: before, format };
    let response;
    try {
      response = await fetch('/api/tasks', {
        method: 'POST', body: JSON.stringify(request), headers: { 'Content-Type': 'application/json' },
      });
    } catch (e) {
      setStatus('Không gửi được yêu cầu liệt kê việc phải làm tới máy chủ.', 'error', e.message);
      return null;
    }
    if (!response.ok) {
      let err = {};
      try { err = (await response.json()).error || {}; } catch (e) { /* not JSON */ }
      setStatus(`Không liệt kê được việc phải làm: ${codeText(err.code)}.`, 'error', `${response.status}: ${err.message || ''}`);
      return null;
    }
    return response;
  }

  async function showTasks() {
    const response = await postTasks('json');
    if (!response) return;
    let body;
    try { body = await response.json(); } catch (e) { return; }
    if (body && Array.isArray(body.items)) renderTasks(body.items);
  }

  function renderTasks(items) {
    $('tasks-count').textContent = `(${items.length})`;
    $('tasks-scope').textContent =
      `Từ ${state.seen.size} văn bản đã mở trong trang này, chọn như lệnh «nghiquyet tasks»; ` +
      'việc của văn bản đang xem có nút «Xem».';
    const current = state.record ? seenKey(state.record) : null;
    const rows = items.map((t) => {
      const mine = t.source === current;
      let row;
      const when = t.due ? vnDate(t.due) : t.deadline ? deadlineText(t.deadline) : '—';
      const bodies = (t.bodies || []).map((b) => `${b.name} (${roleLabel(b.role)})`).join('; ');
      const doc = [t.document || t.kind || t.source.split(/[\\/]/).pop(), t.issuer ? `(${t.issuer})` : ''].join(' ').trim();
      row = el('tr', { class: mine ? 'mine' : 'other', 'data-uid': t.uid },
        el('td', { class: 'num' }, mine ? goButton(t.span, () => row) : null, mine ? ' ' : null, when),
        el('td', { text: bodies || '—' }),
        el('td', { class: 'task', text: t.task }),
        el('td', { text: doc }),
        el('td', { class: 'num', text: t.page ?? '' }));
      if (mine) linkRow(row, t.span);
      return row;
    });
    $('tasks').replaceChildren(table(
      [['Hạn', 'num'], ['Cơ quan (vai trò)'], ['Nhiệm vụ', 'wide'], ['Văn bản'], ['Tr.', 'num']], rows,
      'Không có việc nào khớp.'));
  }

  async function downloadTasks(format) {
    const response = await postTasks(format);
    if (!response) return;
    // The bytes as sent: `text()` would decode them and drop the CSV's BOM,
    // which spreadsheets need to read the file as UTF-8.
    const bytes = await response.arrayBuffer();
    download(`viec-phai-lam.${format}`, bytes, format === 'csv' ? 'text/csv' : 'text/calendar');
    setStatus(format === 'csv' ? 'Đã tải danh sách việc phải làm (CSV).'
      : 'Đã tải lịch việc phải làm (.ics); việc định kỳ hoặc không có ngày không có trong lịch.', 'saved');
  }

  /**
   * Asks the server where `nghiquyet text` joins lines into paragraphs and
   * shows the text so; until the answer (or without one) it shows lines.
   */
  async function showParagraphs(record) {
    let body;
    try {
      const response = await fetch('/api/paragraphs', { method: 'POST', body: record.text, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
      body = await response.json();
    } catch (e) {
      return;
    }
    if (state.record !== record || !body || !Array.isArray(body.paragraphs)) return;
    const joins = new Set();
    for (const [start, end] of body.paragraphs) {
      for (let i = start; i < end && i < state.cps.length; i++) if (state.cps[i] === '\n') joins.add(i);
    }
    state.joins = joins;
    renderText();
    for (const i of state.decisions.keys()) showDecision(i);
    $('doc-text').dataset.paragraphs = String(body.paragraphs.length);
  }

  /**
   * Decisions of a re-opened review: an accepted repair is still in the
   * record, at the span the review wrote, so its decision comes back (and
   * leaves the carried-over history, so the next review lists it once).
   * Rejected repairs were undone in the text; they stay in the history.
   */
  function restoreDecisions(record) {
    if (!state.prior || !Array.isArray(state.prior.repairs)) return 0;
    const history = [];
    let restored = 0;
    for (const e of state.prior.repairs) {
      const i = e && e.decision === 'accepted' && e.span
        ? record.repairs.findIndex((r, k) => !state.decisions.has(k) && r.span && r.span.start === e.span.start &&
          r.span.end === e.span.end && r.to === e.to && r.from === e.from)
        : -1;
      if (i >= 0) { state.decisions.set(i, 'accepted'); restored++; } else history.push(e);
    }
    state.prior = { ...state.prior, repairs: history };
    return restored;
  }

  async function extract(file) {
    setStatus(`Đang trích xuất «${file.name}»…`, 'busy');
    const form = new FormData();
    form.append('file', file, file.name);
    let response, body;
    try {
      response = await fetch('/api/extract', { method: 'POST', body: form });
      body = await response.json();
    } catch (e) {
      clearDocument();
      setStatus(`Không gửi được «${file.name}» tới máy chủ.`, 'error', e.message);
      return;
    }
    if (body && typeof body.text === 'string' && !body.error) {
      load(body);
      announce(body, `Đã trích xuất «${file.name}»`);
    } else if (body && typeof body.text === 'string') {
      // A record whose document could not be read: nothing to review.
      clearDocument();
      setStatus(`«${file.name}»: ${codeText(body.error.code)}.`, 'error', body.error.message);
    } else {
      clearDocument();
      const err = (body && body.error) || { code: String(response.status), message: response.statusText };
      setStatus(`«${file.name}»: ${codeText(err.code)}.`, 'error', `${response.status}: ${err.message}`);
    }
  }

  /** The status after loading: a document with no text, or with pages
   * that gave none, is announced as such, not as a plain success. */
  function announce(r, what) {
    const blank = (r.warnings || []).filter((w) => w.code === 'page_without_text').length;
    const ocrMissing = (r.warnings || []).some((w) => w.code === 'ocr_unavailable');
    const why = ocrMissing ? ' Chưa cài chương trình nhận dạng chữ (OCR) cho trang ảnh chụp.' : '';
    if (r.text.trim() === '') {
      setStatus(`${what}, nhưng không đọc được chữ nào trong văn bản.${why}`, 'warning');
    } else if (blank > 0) {
      setStatus(`${what}: ${describe(r)} — ${blank} trang không đọc được chữ, kết quả chưa đầy đủ.${why}`, 'warning');
    } else {
      setStatus(`${what}: ${describe(r)}.`, 'loaded');
    }
  }

  function describe(r) {
    const pages = r.source && r.source.pages ? `${r.source.pages} trang, ` : '';
    return `${pages}${r.targets.length} chỉ tiêu, ${r.deadlines.length} thời hạn, ${r.assignments.length} phân công, ${r.repairs.length} sửa lỗi`;
  }

  async function openRecord(file) {
    try {
      const record = JSON.parse(await file.text());
      load(record);
      const prior = state.prior ? ` (đã kiểm tra trước: ${(state.prior.repairs || []).length} quyết định, ${state.restored} sửa lỗi đã chấp nhận được khôi phục, ${(state.prior.edits || []).length} trường sửa)` : '';
      announce(state.record, `Đã mở bản ghi «${file.name}»${prior}`);
    } catch (e) {
      clearDocument();
      setStatus(`Không mở được «${file.name}»: không phải bản ghi JSON của nghiquyet.`, 'error', e.message);
    }
  }

  // ---- export ---------------------------------------------------------

  /** The rejected repairs to undo, in text order, without overlaps. */
  function reverts() {
    const list = [];
    let last = 0;
    [...state.decisions.entries()]
      .filter(([, d]) => d === 'rejected')
      .map(([i]) => ({ i, r: state.record.repairs[i] }))
      .filter(({ r }) => r && validSpan(r.span))
      .sort((a, b) => a.r.span.start - b.r.span.start)
      .forEach(({ i, r }) => {
        if (r.span.start < last) return;
        const replacement = state.corrections.get(i) || r.from;
        list.push({ i, r, start: r.span.start, end: r.span.end, replacement, newLen: Array.from(replacement).length });
        last = r.span.end;
      });
    return list;
  }

  /** Maps an offset of the reviewed text to the corrected text. */
  function mapper(list) {
    return (pos, isEnd) => {
      let delta = 0;
      for (const v of list) {
        if (pos >= v.end && !(pos === v.start)) { delta += v.newLen - (v.end - v.start); continue; }
        if (pos > v.start) return v.start + delta + (isEnd ? v.newLen : Math.min(pos - v.start, v.newLen));
        break;
      }
      return pos + delta;
    };
  }

  /** The corrected record, with its `review` block. */
  function corrected() {
    const rec = clone(state.record);
    const list = reverts();
    const map = mapper(list);
    const parts = [];
    let pos = 0;
    for (const v of list) { parts.push(slice(pos, v.start), v.replacement); pos = v.end; }
    parts.push(slice(pos, state.cps.length));
    const text = parts.join('');
    const newCps = Array.from(text);
    // Shift every span; a `text` that was the span's own words follows it.
    const walk = (node) => {
      if (Array.isArray(node)) { node.forEach(walk); return; }
      if (!node || typeof node !== 'object') return;
      if (validSpan(node.span)) {
        const own = typeof node.text === 'string' && node.text === slice(node.span.start, node.span.end);
        node.span = { start: map(node.span.start, false), end: map(node.span.end, true) };
        if (own) node.text = newCps.slice(node.span.start, node.span.end).join('');
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'span' && k !== 'text' && typeof v === 'object') walk(v);
    };
    for (const k of LISTS) walk(rec[k]);
    const rejected = new Set(list.map((v) => v.i));
    rec.repairs = rec.repairs.filter((_, i) => !rejected.has(i));
    rec.text = text;
    const decisions = [...state.decisions.entries()].sort((a, b) => a[0] - b[0]).map(([i, d]) => {
      const r = state.record.repairs[i];
      const entry = {
        decision: d, from: r.from, to: r.to, confidence: r.confidence, reason: r.reason, page: r.page ?? null,
        span_reviewed: r.span,
      };
      if (d === 'rejected') {
        const v = list.find((x) => x.i === i);
        entry.kept = v ? v.replacement : r.from;
        entry.span = v ? { start: map(v.start, false), end: map(v.start, false) + v.newLen } : null;
      } else {
        entry.span = { start: map(r.span.start, false), end: map(r.span.end, true) };
      }
      return entry;
    });
    const prior = state.prior || {};
    const decided = state.decisions.size;
    rec.review = {
      tool: 'nghiquyet serve',
      reviewed_at: new Date().toISOString(),
      repairs: [...(Array.isArray(prior.repairs) ? prior.repairs : []), ...decisions],
      edits: [...(Array.isArray(prior.edits) ? prior.edits : []), ...state.edits.values()],
      summary: {
        repairs_accepted: [...state.decisions.values()].filter((d) => d === 'accepted').length,
        repairs_rejected: list.length,
        repairs_undecided: state.record.repairs.length - decided,
        fields_edited: state.edits.size,
      },
    };
    return rec;
  }

  /** Rejected repairs as (original, correction, context) training pairs. */
  function trainingPairs() {
    const src = state.record.source || {};
    return reverts().map((v) => {
      const { before, after } = contextOf(v.r);
      return {
        original: v.r.from, correction: v.replacement, rejected: v.r.to,
        context: before + v.r.from + after, context_before: before, context_after: after,
        confidence: v.r.confidence, reason: v.r.reason, page: v.r.page ?? null,
        source_path: src.path ?? null, source_sha256: src.sha256 ?? null,
      };
    });
  }

  function baseName() {
    const path = (state.record.source && state.record.source.path) || 'van-ban';
    const name = path.split(/[\\/]/).pop().replace(/\.(pdf|txt|json)$/i, '').replace(/\.review$/i, '');
    return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'van-ban';
  }

  function download(name, data, type) {
    const url = URL.createObjectURL(new Blob([data], { type }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ---- keyboard -------------------------------------------------------

  function onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey || !state.record) return;
    if (e.target.closest && e.target.closest('input, textarea, select')) return;
    const order = [...state.items.keys()];
    if (order.length === 0) return;
    const at = order.indexOf(state.current);
    if (e.key === 'j' || e.key === 'k') {
      const next = e.key === 'j' ? Math.min(at + 1, order.length - 1) : Math.max(at - 1, 0);
      selectRepair(order[next < 0 ? 0 : next], true);
    } else if ((e.key === 'a' || e.key === 'r') && at >= 0) {
      decide(state.current, e.key === 'a' ? 'accepted' : 'rejected');
    } else return;
    e.preventDefault();
  }

  // ---- wiring ---------------------------------------------------------

  document.addEventListener('DOMContentLoaded', () => {
    const mayDiscard = () => !state.dirty || window.confirm('Các quyết định và chỉnh sửa chưa được tải về sẽ mất. Tiếp tục?');
    $('file-input').addEventListener('change', (e) => {
      const file = e.target.files[0];
      if (file && mayDiscard()) extract(file);
      e.target.value = '';
    });
    $('record-input').addEventListener('change', (e) => {
      const file = e.target.files[0];
      if (file && mayDiscard()) openRecord(file);
      e.target.value = '';
    });
    $('download-json').addEventListener('click', () => {
      download(`${baseName()}.review.json`, JSON.stringify(corrected(), null, 2) + '\n', 'application/json');
      state.dirty = false;
      setStatus('Đã tải bản ghi đã kiểm tra.', 'saved');
    });
    $('download-jsonl').addEventListener('click', () => {
      const lines = trainingPairs().map((p) => JSON.stringify(p)).join('\n');
      download(`${baseName()}.repairs.jsonl`, lines + '\n', 'application/x-ndjson');
      setStatus('Đã tải các cặp sửa lỗi bị từ chối (JSONL).', 'saved');
    });
    $('bulk-accept').addEventListener('click', () => {
      const t = Number($('bulk-threshold').value);
      if (!state.record || !Number.isFinite(t) || t < 0 || t > 100) {
        setStatus('Hãy nhập một mức độ tin cậy từ 0 đến 100 (%).', 'error');
        return;
      }
      acceptFrom(t);
    });
    $('bulk-undo').addEventListener('click', undoBulk);
    $('tasks-show').addEventListener('click', showTasks);
    $('tasks-csv').addEventListener('click', () => downloadTasks('csv'));
    $('tasks-ics').addEventListener('click', () => downloadTasks('ics'));
    for (const id of ['tasks-body', 'tasks-before']) {
      $(id).addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); showTasks(); } });
    }
    document.addEventListener('keydown', onKey);
    // Decisions and edits live only in this page until downloaded.
    window.addEventListener('beforeunload', (e) => {
      if (state.record && state.dirty) e.preventDefault();
    });
  });

  // For scripts and tests driving the page: read-only views of its state.
  window.nqReview = Object.freeze({
    focusedText: () => (state.focused ? state.focused.toString() : null),
    corrected: () => (state.record ? corrected() : null),
  });
})();
