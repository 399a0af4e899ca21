// The filing form: builds the report JSON from the inputs, checks it live
// against POST /reports/validate, shows each finding at its cell, and files it
// with POST /reports. It fills itself from a Word, Excel, web page or PDF file
// through POST /reports/import and marks where each value came from. Plain
// ES2020, no build step: the server embeds this file.
'use strict';

(() => {
  const form = document.getElementById('report-form');
  if (!form) return;

  const byId = (id) => document.getElementById(id);
  const yearInput = byId('f-reportYear');
  const versionSelect = byId('f-formatVersion');
  const codeInput = byId('f-agency.creditCode');
  const codeHint = byId('h-creditCode');
  const statusEl = byId('status');
  const detailEl = byId('cell-detail');
  const summaryEl = byId('check-summary');
  const findingsEl = byId('findings');
  const resultEl = byId('result');
  const resultBody = byId('result-body');
  const submitButton = byId('submit');
  const fileInput = byId('import');
  const docInput = byId('import-doc');
  const docButton = byId('import-doc-button');

  const DRAFT_KEY = 'nianbao.draft.v1';
  const DEBOUNCE_MS = 400;
  // The server refuses bodies over 1 MiB; nothing larger is worth reading.
  const MAX_DOCUMENT_BYTES = 1 << 20;
  // Findings of a report with every cell wrong stay well under this.
  const MAX_RESPONSE_BYTES = 4 << 20;
  const SEVERITY = { error: '错误', warning: '警告', 'not-assessable': '无法判断' };
  // The largest file POST /reports/import takes; the server renders it into the page.
  const MAX_IMPORT_BYTES = Number(form.dataset.maxImport);
  // How the importer found a value (the provenance methods of nianbao import --json).
  const METHOD = {
    exact: '按模板单元格读出', 'label-matched': '按行列名称读出', 'by-position': '按位置放入',
    converted: '换算单位', inferred: '按勾稽关系推算',
  };
  // The methods that guessed: their cells are marked for the clerk to check against the original.
  const FLAGGED = new Set(['by-position', 'converted', 'inferred']);

  // ---- Unified social credit code (GB 32100-2015), as report.CreditCodeCheck.

  const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  /** Returns the check character for the first 17 characters, or null if they are not 17 valid ones. */
  function creditCodeCheck(first17) {
    if (typeof first17 !== 'string' || first17.length !== 17) return null;
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const v = CREDIT_ALPHABET.indexOf(first17[i]);
      if (v < 0) return null;
      sum += v * CREDIT_WEIGHTS[i];
    }
    return CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
  }

  /** Says what is wrong with a code as typed so far: {state: ok|pending|bad|empty, text}. */
  function describeCreditCode(code) {
    if (code === '') return { state: 'empty', text: '18 位，最后一位是校验码（GB 32100-2015）。' };
    for (let i = 0; i < code.length; i++) {
      if (!CREDIT_ALPHABET.includes(code[i])) {
        return { state: 'bad', text: `第 ${i + 1} 位“${code[i]}”不是统一社会信用代码使用的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）。` };
      }
    }
    if (code.length < 17) return { state: 'pending', text: `已输入 ${code.length} 位，还差 ${18 - code.length} 位。` };
    const want = creditCodeCheck(code.slice(0, 17));
    if (code.length === 17) return { state: 'pending', text: `还差最后一位：校验码应为“${want}”。` };
    if (code.length > 18) return { state: 'bad', text: `统一社会信用代码是 18 位，现在有 ${code.length} 位。` };
    if (code[17] !== want) return { state: 'bad', text: `校验码不对：第 18 位应为“${want}”，现在是“${code[17]}”。请核对前 17 位。` };
    return { state: 'ok', text: '校验码正确。' };
  }

  function checkCreditCode() {
    const start = codeInput.selectionStart;
    const upper = codeInput.value.toUpperCase();
    if (upper !== codeInput.value) {
      codeInput.value = upper;
      codeInput.setSelectionRange(start, start);
    }
    const d = describeCreditCode(codeInput.value.trim());
    codeHint.textContent = d.text;
    codeHint.dataset.state = d.state;
    codeInput.classList.toggle('code-bad', d.state === 'bad');
    codeInput.classList.toggle('code-ok', d.state === 'ok');
  }

  // ---- Cells and fields.

  const versions = [...versionSelect.options].map((o) => o.value);
  let current = versionSelect.value;

  const versionForYear = (y) => (y <= 2020 ? '2019-trial' : '2021');
  const blockSelector = (v) => `.version-block[data-version="${CSS.escape(v)}"]`;
  const cellsOf = (v = current) => [...form.querySelectorAll(`${blockSelector(v)} input.cell`)];
  const textFields = () => [...form.querySelectorAll('[id^="f-"][data-path]')]
    .filter((el) => el !== yearInput && el !== versionSelect);

  /** The input for path in version v: a table cell, a text field, or for an object path its first field. */
  function fieldFor(path, v = current) {
    const exact = byId(`c-${v}-${path}`) || byId(`f-${path}`);
    if (exact || !path) return exact;
    const prefix = `${path}.`;
    return textFields().find((el) => el.dataset.path.startsWith(prefix)) ||
      cellsOf(v).find((el) => el.dataset.path.startsWith(prefix)) || null;
  }

  /** Full-width digits and marks, as Chinese input methods type them, become ASCII. */
  const normalize = (raw) => raw.trim().replace(/[\uFF0C-\uFF19]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xFEE0));

  /** The JSON value of a cell: undefined when empty (the server then reports it as required). */
  function cellJSON(input) {
    let s = normalize(input.value);
    if (s === '') return undefined;
    if (s === '/') return '/';
    if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
    // Amounts go as strings: the server reads decimals exactly, never through a float.
    if (input.dataset.kind === 'amount') return s;
    if (/^-?\d{1,15}$/.test(s)) return Number(s);
    return s; // not a number: sent as typed, so the server names the cell and says why
  }

  /** A cell's whole number, or null when it is empty, "/" or not a whole number. */
  function cellNumber(input) {
    const v = input ? cellJSON(input) : undefined;
    return Number.isInteger(v) ? v : null;
  }

  function setPath(obj, path, value) {
    const keys = path.split('.');
    let o = obj;
    for (const k of keys.slice(0, -1)) {
      if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
      o = o[k];
    }
    o[keys[keys.length - 1]] = value;
  }

  /** The report JSON the inputs describe, in the contract's shape. */
  function buildDocument() {
    const doc = { formatVersion: current };
    const year = normalize(yearInput.value);
    if (year !== '') doc.reportYear = /^\d{4}$/.test(year) ? Number(year) : year;
    for (const el of textFields()) {
      let v = el.value;
      if (v.trim() === '') continue;
      if (el === codeInput) v = v.trim();
      setPath(doc, el.dataset.path, v);
    }
    for (const input of cellsOf()) {
      const v = cellJSON(input);
      if (v !== undefined) setPath(doc, input.dataset.path, v);
    }
    return doc;
  }

  /** Fills the form from a report JSON; returns the paths it had no field for. */
  function fillForm(doc) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('文件内容不是年报 JSON 对象');
    if (doc.reportYear !== undefined) yearInput.value = String(doc.reportYear);
    const y = Number(yearInput.value);
    switchVersion(versions.includes(doc.formatVersion) ? doc.formatVersion : versionForYear(y), false);
    for (const el of [...textFields(), ...cellsOf()]) el.value = '';
    const ignored = [];
    const walk = (v, path) => {
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        for (const [k, child] of Object.entries(v)) walk(child, path ? `${path}.${k}` : k);
        return;
      }
      if (path === 'formatVersion' || path === 'reportYear') return;
      const el = byId(`c-${current}-${path}`) || byId(`f-${path}`);
      if (!el) ignored.push(path);
      else el.value = typeof v === 'string' ? v : JSON.stringify(v);
    };
    walk(doc, '');
    checkCreditCode();
    updateDerived();
    return ignored;
  }

  // ---- Format version.

  /** Shows version v's tables; carried, the cells both versions share keep their values. */
  function switchVersion(v, carry) {
    if (v === current) return;
    if (carry) {
      for (const input of cellsOf(v)) {
        const old = byId(`c-${current}-${input.dataset.path}`);
        if (old && old.value !== '' && input.value === '') input.value = old.value;
      }
    }
    current = v;
    versionSelect.value = v;
    for (const block of form.querySelectorAll('.version-block')) block.hidden = block.dataset.version !== v;
    for (const el of form.querySelectorAll('[data-format]')) el.hidden = el.dataset.format !== v;
    updateDerived();
    showMarks();
  }

  // ---- Derived cells: 表三's 总计 column and （七）总计 row, 表四's 总计.

  function derivedOutput(input) {
    let out = byId(`d-${input.id}`);
    if (!out) {
      out = document.createElement('output');
      out.id = `d-${input.id}`;
      out.className = 'sum';
      out.htmlFor = input.id;
      input.after(out);
      describedBy(input, out.id, true);
    }
    return out;
  }

  /** Shows each derived cell's computed value; a typed value that differs is marked, never replaced. */
  function updateDerived() {
    for (const input of form.querySelectorAll(`${blockSelector(current)} input[data-operands]`)) {
      let sum = 0;
      let complete = true;
      for (const p of input.dataset.operands.split(' ')) {
        const n = cellNumber(byId(`c-${current}-${p}`));
        if (n === null) {
          complete = false;
          break;
        }
        sum += n;
      }
      const out = derivedOutput(input);
      const typed = cellNumber(input);
      const mismatch = complete && typed !== null && typed !== sum;
      input.classList.toggle('mismatch', mismatch);
      out.classList.toggle('mismatch', mismatch);
      if (!complete) out.textContent = '';
      else if (typed === null) out.textContent = `合计 ${sum}`;
      else if (mismatch) out.textContent = `合计应为 ${sum}`;
      else out.textContent = `合计 ${sum} ✓`;
    }
  }

  function describedBy(el, id, on) {
    const ids = new Set((el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
    if (on) ids.add(id);
    else ids.delete(id);
    if (ids.size) el.setAttribute('aria-describedby', [...ids].join(' '));
    else el.removeAttribute('aria-describedby');
  }

  // ---- Findings.

  let marked = [];

  function labelOf(el) {
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
    const label = form.querySelector(`label[for="${CSS.escape(el.id)}"]`);
    return label ? label.textContent : el.dataset.path;
  }

  function clearFindings() {
    for (const el of marked) {
      el.classList.remove('finding-error', 'finding-warning', 'finding-not-assessable', 'finding-required', 'related');
      el.removeAttribute('aria-invalid');
      delete el.dataset.messages;
      const note = byId(`n-${el.id}`);
      if (note) {
        describedBy(el, note.id, false);
        note.remove();
      }
    }
    marked = [];
  }

  function mark(el, f) {
    const cls = f.rule === 'required' ? 'finding-required' : `finding-${f.severity}`;
    el.classList.add(cls);
    if (f.severity === 'error') el.setAttribute('aria-invalid', 'true');
    let note = byId(`n-${el.id}`);
    if (!note) {
      note = document.createElement('span');
      note.id = `n-${el.id}`;
      note.className = el.classList.contains('cell') ? 'note cell-note' : 'note';
      (byId(`d-${el.id}`) || el).after(note);
      describedBy(el, note.id, true);
    }
    const line = document.createElement('span');
    line.className = `sev-${f.severity}`;
    line.textContent = f.message;
    note.append(line);
    el.dataset.messages = (el.dataset.messages ? `${el.dataset.messages}\n` : '') + f.message;
    marked.push(el);
  }

  function focusField(el) {
    el.focus();
    el.scrollIntoView({ block: 'center', inline: 'center' });
  }

  function jumpItem(text, el, severity) {
    const li = document.createElement('li');
    li.className = `sev-${severity}`;
    if (el) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'jump';
      b.textContent = text;
      b.dataset.path = el.dataset.path;
      b.addEventListener('click', () => focusField(el));
      li.append(b);
    } else {
      li.textContent = text;
    }
    return li;
  }

  /**
   * Shows the server's findings, and the import's that still apply, at their
   * cells and as a list that jumps to them. A cell the import could not read
   * is blank too: its import finding says more than "required".
   */
  function showFindings(serverFindings) {
    const imported = activeImportFindings();
    const importedPaths = new Set(imported.map((f) => f.path));
    const findings = [...imported, ...serverFindings.filter((f) => !(f.rule === 'required' && importedPaths.has(f.path)))];
    clearFindings();
    findingsEl.replaceChildren();
    const counts = { error: 0, warning: 0, 'not-assessable': 0 };
    const missing = [];
    for (const f of findings) {
      counts[f.severity] = (counts[f.severity] || 0) + 1;
      const el = fieldFor(f.path || '');
      if (el) mark(el, f);
      // Blank cells are reported one by one; listing each would bury the real errors.
      if (f.rule === 'required') {
        missing.push(el);
        continue;
      }
      for (const r of f.related || []) {
        const rel = fieldFor(r);
        if (rel && !rel.classList.contains('related')) {
          rel.classList.add('related');
          marked.push(rel);
        }
      }
      findingsEl.append(jumpItem(`${SEVERITY[f.severity] || f.severity}（${f.rule}）：${f.message}`, el, f.severity));
    }
    if (missing.length) {
      const first = missing.find(Boolean) || null;
      const where = first ? `，第一处：${labelOf(first)}` : '';
      findingsEl.prepend(jumpItem(`尚未填写 ${missing.length} 项${where}`, first, 'error'));
    }
    const parts = [];
    if (counts.error) parts.push(`${counts.error} 个错误`);
    if (counts.warning) parts.push(`${counts.warning} 个警告`);
    if (counts['not-assessable']) parts.push(`${counts['not-assessable']} 项无法判断`);
    setSummary(counts.error ? `未通过：${parts.join('，')}。` :
      parts.length ? `可以提交：${parts.join('，')}。` : '全部通过，可以提交。', counts.error ? 'error' : 'ok');
    showDetail(document.activeElement);
  }

  function showDetail(el) {
    if (!el || !el.dataset || !el.dataset.path || !form.contains(el)) {
      detailEl.textContent = '';
      return;
    }
    const msgs = el.dataset.messages ? `：${el.dataset.messages.replace(/\n/g, '；')}` : '';
    const from = el.dataset.markText ? `（${el.dataset.markText}）` : '';
    detailEl.textContent = `${labelOf(el)}${from}${msgs}`;
  }

  // ---- Talking to the server.

  /** Reads a JSON response body, refusing one over limit bytes. */
  async function readJSON(resp, limit = MAX_RESPONSE_BYTES) {
    const reader = resp.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        throw new Error('服务器的回答过大');
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  async function post(url, doc, signal) {
    const body = JSON.stringify(doc);
    if (new Blob([body]).size > MAX_DOCUMENT_BYTES) throw new Error('年报超过 1 MiB，无法提交');
    const resp = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal });
    return { status: resp.status, body: await readJSON(resp) };
  }

  const errorText = (body, status) => {
    const e = body && body.error;
    return e ? `${e.message}（${e.code}，请求编号 ${e.requestId}）` : `HTTP ${status}`;
  };

  /**
   * The summary is a live region: screen readers announce every change of
   * its text. It changes only when the outcome does, so that a check after
   * every pause in typing does not repeat the same sentence; "checking" is
   * shown by its state alone.
   */
  function setSummary(text, state) {
    if (summaryEl.textContent !== text) summaryEl.textContent = text;
    summaryEl.dataset.state = state;
  }

  let validateSeq = 0;
  let inFlight = null;

  async function validateNow() {
    const seq = ++validateSeq;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    summaryEl.dataset.state = 'checking';
    try {
      const { status, body } = await post('/reports/validate', buildDocument(), inFlight.signal);
      if (seq !== validateSeq) return; // a newer check is under way
      if (status !== 200) {
        setSummary(`校验失败：${errorText(body, status)}`, 'failed');
        return;
      }
      showFindings(Array.isArray(body.findings) ? body.findings : []);
    } catch (err) {
      if (err.name !== 'AbortError' && seq === validateSeq) setSummary(`无法校验：${err.message}`, 'failed');
    }
  }

  function debounce(fn, ms) {
    let timer = 0;
    return () => {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  const scheduleValidate = debounce(validateNow, DEBOUNCE_MS);

  const setStatus = (text) => { statusEl.textContent = text; };

  // ---- Draft in localStorage.

  function saveDraft() {
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify(buildDocument()));
      localStorage.setItem(MARKS_KEY, JSON.stringify({ marks, findings: importFindings }));
    } catch (err) {
      setStatus(`草稿未能保存：${err.message}`); // storage full or disabled
    }
  }

  const scheduleSave = debounce(saveDraft, DEBOUNCE_MS);

  function restoreDraft() {
    let text = null;
    try {
      text = localStorage.getItem(DRAFT_KEY);
    } catch {
      return false;
    }
    if (!text || text.length > MAX_DOCUMENT_BYTES) return false;
    try {
      fillForm(JSON.parse(text));
      try {
        const saved = JSON.parse(localStorage.getItem(MARKS_KEY) || '{}');
        if (isObject(saved.marks)) marks = saved.marks;
        if (Array.isArray(saved.findings)) importFindings = saved.findings.filter(isFinding);
      } catch {
        marks = {}; // a broken note of the marks only loses them
        importFindings = [];
      }
      showMarks();
      setStatus('已恢复上次未提交的草稿。');
      return true;
    } catch {
      return false; // a broken draft is dropped, not shown
    }
  }

  // ---- Submitting.

  function safeLink(href, text) {
    const a = document.createElement('a');
    // Only this site's report paths: a link from the response never becomes javascript:.
    a.href = typeof href === 'string' && /^\/reports\/[\w.-]+(\/(pdf|json))?$/.test(href) ? href : '/';
    a.textContent = text;
    return a;
  }

  function showResult(nodes) {
    resultBody.replaceChildren(...nodes);
    resultEl.hidden = false;
    resultEl.focus();
  }

  async function submit() {
    submitButton.disabled = true;
    setStatus('正在提交…');
    try {
      const { status, body } = await post(queued ? `/reports?import=${queued}` : '/reports', buildDocument());
      const p = document.createElement('p');
      if (status === 200 || status === 201) {
        p.textContent = status === 201 ? '年报已保存并生成 PDF。' : '与已保存的版本内容相同，未重复保存。';
        const links = document.createElement('p');
        links.className = 'files';
        links.append(safeLink(body.links && body.links.self, '查看年报'), ' · ',
          safeLink(body.links && body.links.pdf, '下载 PDF'), ' · ', safeLink(body.links && body.links.json, '下载 JSON'));
        const warn = document.createElement('p');
        const n = Array.isArray(body.warnings) ? body.warnings.length : 0;
        warn.textContent = n ? `附带 ${n} 个警告，见上方校验结果。` : '没有警告。';
        showResult([p, links, warn]);
        showFindings(Array.isArray(body.warnings) ? body.warnings : []);
        setStatus('已提交。');
        return;
      }
      p.textContent = `未保存：${errorText(body, status)}`;
      if (Array.isArray(body.findings)) showFindings(body.findings);
      showResult([p]);
      setStatus('提交未成功。');
    } catch (err) {
      setStatus(`提交失败：${err.message}`);
    } finally {
      submitButton.disabled = false;
    }
  }

  // ---- Import and export.

  function fileName(doc) {
    const name = (doc.agency && doc.agency.name) || '年报';
    return `${name}${doc.reportYear || ''}年报.json`.replace(/[\\/:*?"<>|\s]+/g, '_');
  }

  function exportJSON() {
    const doc = buildDocument();
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName(doc);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    setStatus(`已导出 ${a.download}。`);
  }

  async function importFile(file) {
    if (file.size > MAX_DOCUMENT_BYTES) {
      setStatus(`${file.name} 超过 1 MiB，不是年报 JSON。`);
      return;
    }
    try {
      const ignored = fillForm(JSON.parse(await file.text()));
      marks = {};
      importFindings = [];
      setStatus(ignored.length ? `已导入 ${file.name}；忽略了表单中没有的字段：${ignored.join('、')}。` : `已导入 ${file.name}。`);
      changed();
    } catch (err) {
      setStatus(`无法导入 ${file.name}：${err.message}`);
    }
  }

  // ---- Importing a Word, Excel, web page, PDF or text file (POST /reports/import).

  const hasContent = () => [...textFields(), ...cellsOf()].some((el) => el.value.trim() !== '');
  const isJSONFile = (file) => file.type === 'application/json' || /\.json$/i.test(file.name);

  /** Opens a file the clerk chose or dropped: a report JSON here, any other document through the server. */
  function openFile(file) {
    if (isJSONFile(file)) importFile(file);
    else importDocument(file);
  }

  async function importDocument(file) {
    if (file.size > MAX_IMPORT_BYTES) {
      setStatus(`${file.name} 超过 ${MAX_IMPORT_BYTES >> 20} MiB，不能在网页上导入：请交给管理员放入存储桶的收件箱（inbox/年度/），或用 nianbao import --file 导入。`);
      return;
    }
    if (hasContent() && !window.confirm(`导入 ${file.name} 会替换表单中已填写的内容，继续吗？`)) return;
    docButton.disabled = true;
    setStatus(`正在导入 ${file.name}…`);
    try {
      const body = new FormData();
      body.append('file', file, file.name);
      const resp = await fetch('/reports/import', { method: 'POST', body });
      const res = await readJSON(resp);
      if (resp.status !== 200) {
        setStatus(`无法导入 ${file.name}：${errorText(res, resp.status)}`);
        return;
      }
      if (!isObject(res) || !isObject(res.report)) {
        const refusal = isObject(res) && Array.isArray(res.findings) && isFinding(res.findings[0]) ? res.findings[0].message : '没有读出年报';
        setStatus(`无法导入 ${file.name}：${refusal}`);
        return;
      }
      applyImport(res);
      setStatus(importSummary(file.name));
    } catch (err) {
      setStatus(`无法导入 ${file.name}：${err.message}`);
    } finally {
      docButton.disabled = false;
    }
  }

  /** Fills the form with an import's draft, marks each value by its provenance, and keeps the import's findings. */
  function applyImport(res) {
    fillForm(res.report);
    marks = {};
    for (const [path, p] of Object.entries(isObject(res.provenance) ? res.provenance : {})) {
      const el = byId(`c-${current}-${path}`) || byId(`f-${path}`);
      if (el && isObject(p) && typeof p.method === 'string' && typeof p.source === 'string') {
        marks[path] = { how: p.method, source: p.source, text: typeof p.text === 'string' ? p.text : '', value: el.value };
      }
    }
    importFindings = (Array.isArray(res.findings) ? res.findings : [])
      .filter((f) => isFinding(f) && f.rule.startsWith('import-'))
      .map((f) => {
        const el = fieldFor(typeof f.path === 'string' ? f.path : '');
        return { ...f, value: el ? el.value : null };
      });
    showMarks();
    saveDraft();
    validateNow();
  }

  /** Says what an import filled and what is left to the clerk. */
  function importSummary(name) {
    const cells = cellsOf();
    const read = cells.filter((el) => el.value !== '').length;
    const flagged = cells.filter((el) => el.classList.contains('imported')).length;
    const check = flagged ? `其中 ${flagged} 个是按位置放入、换算单位或按勾稽关系推算的（右上角有三角），请与原件核对；` : '';
    return `已导入 ${name}：表格 ${cells.length} 个单元格读出 ${read} 个，${check}请按校验结果补全缺项（如统一社会信用代码）后提交。`;
  }

  // ---- Pasting a row from Excel or WPS.

  /** Fills the row from the pasted cell on with tab-separated values; further lines fill the rows below. */
  function pasteRow(input, text) {
    const lines = text.replace(/\r/g, '').replace(/\n+$/, '').split('\n');
    let row = input.closest('tr');
    const start = [...row.querySelectorAll('input.cell')].indexOf(input);
    let filled = 0;
    let dropped = 0;
    for (const line of lines) {
      if (!row) {
        dropped += line.split('\t').length;
        continue;
      }
      const targets = [...row.querySelectorAll('input.cell')].slice(start);
      const values = line.split('\t');
      values.forEach((v, i) => {
        if (i < targets.length) {
          targets[i].value = normalize(v);
          filled++;
        } else {
          dropped++;
        }
      });
      do row = row.nextElementSibling; while (row && !row.querySelector('input.cell'));
    }
    setStatus(dropped ? `已粘贴 ${filled} 个单元格；多出的 ${dropped} 个值没有对应的单元格。` : `已粘贴 ${filled} 个单元格。`);
  }

  // ---- Marks: where values came from — last year's report (GET /new?from=…) or an imported file.

  const MARKS_KEY = 'nianbao.marks.v1';
  const REPORT_ID = /^\d{4}-[0-9A-Z]{18}-[0-9a-f]{64}$/;
  // path → { how, source, text, value }: how is 'carried' or an import method. A mark
  // stands while its field holds value and the clerk has not edited it (see own).
  let marks = {};
  // The import's findings (import-missing, import-ambiguous, …), each with the
  // value its field had then: shown at the field until the clerk changes it.
  let importFindings = [];
  let queued = ''; // the review-queue entry being completed: submitting files it with its original

  const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isFinding = (f) => isObject(f) && typeof f.rule === 'string' && typeof f.message === 'string' && typeof f.severity === 'string';

  function describeMark(m) {
    if (m.how === 'carried') return `上年带入：${m.source}`;
    return `导入：${METHOD[m.how] || m.how}，${m.source}${m.text ? `“${m.text}”` : ''}`;
  }

  /**
   * Marks a field by where its value came from; the detail bar names it on focus.
   * Carried cells and guessed imports are marked visibly, with a description
   * for screen readers; exact imports stay quiet. Returns whether it is visible.
   */
  function showMark(el, m) {
    el.dataset.mark = m.how;
    el.dataset.markText = describeMark(m);
    if (m.how !== 'carried' && !FLAGGED.has(m.how)) return false;
    el.classList.add(m.how === 'carried' ? 'carried' : 'imported');
    const cell = m.how === 'carried' ? null : el.closest('td');
    if (cell) cell.classList.add('import-flag');
    let note = byId(`p-${el.id}`);
    if (!note) {
      note = document.createElement('span');
      note.id = `p-${el.id}`;
      note.className = 'visually-hidden';
      el.after(note);
      describedBy(el, note.id, true);
    }
    note.textContent = m.how === 'carried' ? el.dataset.markText : `${el.dataset.markText}，请与原件核对`;
    return true;
  }

  function hideMark(el) {
    el.classList.remove('carried', 'imported');
    const cell = el.closest('td');
    if (cell) cell.classList.remove('import-flag');
    delete el.dataset.mark;
    delete el.dataset.markText;
    const note = byId(`p-${el.id}`);
    if (note) {
      describedBy(el, note.id, false);
      note.remove();
    }
  }

  /**
   * A field the clerk edits is theirs: it loses its mark and the import's
   * findings about it, even when it holds the same value again — retyping a
   * flagged value is how the clerk confirms it against the original.
   */
  function own(el) {
    const path = el.dataset && el.dataset.path;
    if (!path) return;
    delete marks[path];
    importFindings = importFindings.filter((f) => f.path !== path);
  }

  /** The import's findings whose field still holds what the import put there. */
  function activeImportFindings() {
    return importFindings.filter((f) => {
      const el = fieldFor(f.path || '');
      return el ? el.value === f.value : f.value === null;
    });
  }

  /** Shows the marks of the fields that still hold the marked value, and the legends of those shown. */
  function showMarks() {
    for (const el of form.querySelectorAll('[data-mark]')) hideMark(el);
    const shown = { carried: 0, imported: 0 };
    for (const [path, m] of Object.entries(marks)) {
      const el = byId(`c-${current}-${path}`) || byId(`f-${path}`);
      if (el && isObject(m) && el.value === m.value && showMark(el, m)) shown[m.how === 'carried' ? 'carried' : 'imported']++;
    }
    byId('carried-legend').hidden = shown.carried === 0;
    byId('import-legend').hidden = shown.imported === 0;
  }

  function clearMarks() {
    marks = {};
    importFindings = [];
    showMarks();
    try {
      localStorage.removeItem(MARKS_KEY);
    } catch {
      // storage disabled: nothing was saved
    }
  }

  /** Fills the form with the next-year draft of report id; true when it did. */
  async function loadNextYear(id) {
    setStatus('正在载入上一年度的报告…');
    try {
      const resp = await fetch(`/reports/${id}/next-year`, { headers: { Accept: 'application/json' } });
      const body = await readJSON(resp);
      if (resp.status !== 200) {
        setStatus(`无法载入上一年度的报告：${errorText(body, resp.status)}`);
        return false;
      }
      fillForm(body.draft);
      marks = {};
      importFindings = [];
      for (const c of Array.isArray(body.carried) ? body.carried : []) {
        const el = byId(`c-${current}-${c.path}`);
        if (el && typeof c.source === 'string') marks[c.path] = { how: 'carried', source: c.source, value: el.value };
      }
      showMarks();
      saveDraft();
      const n = Object.keys(marks).length;
      setStatus(`已以 ${body.year - 1} 年度报告为基础填写 ${body.year} 年度：正文照录，请逐段修改；${n} 个单元格从上年带入（已标出），其余请填写。`);
      return true;
    } catch (err) {
      setStatus(`无法载入上一年度的报告：${err.message}`);
      return false;
    } finally {
      // A reload keeps the clerk's edits instead of loading the draft again.
      const url = new URL(location.href);
      url.searchParams.delete('from');
      history.replaceState(null, '', url);
    }
  }

  // ---- A report waiting in the inbox's review queue (/new?import={year}/{sha256}).

  const QUEUED = /^\d{4}\/[0-9a-f]{64}$/;
  const QUEUED_KEY = 'nianbao.queued.v1'; // the entry the saved draft was loaded from

  /** Fills the form with the draft of review-queue entry ref; true when it did. */
  async function loadQueued(ref) {
    setStatus('正在载入导入的草稿…');
    try {
      const resp = await fetch(`/imports/${ref}`, { headers: { Accept: 'application/json' } });
      const body = await readJSON(resp);
      if (resp.status !== 200 || !body.report) {
        setStatus(`无法载入导入的草稿：${errorText(body, resp.status)}`);
        return false;
      }
      fillForm(body.report);
      queued = ref;
      saveDraft();
      try {
        localStorage.setItem(QUEUED_KEY, ref);
      } catch {
        // storage disabled: a reload loads the draft again
      }
      const why = (Array.isArray(body.reasons) ? body.reasons : []).map((r) => r.message).join('；');
      setStatus(`已载入导入的草稿（${body.name}）${why ? `：${why}` : ''}。补全后提交即归档，原件随年报保存。`);
      return true;
    } catch (err) {
      setStatus(`无法载入导入的草稿：${err.message}`);
      return false;
    }
  }

  // ---- Events.

  function changed() {
    updateDerived();
    showMarks();
    scheduleValidate();
    scheduleSave();
  }

  form.addEventListener('input', (e) => {
    if (e.target === codeInput) checkCreditCode();
    if (e.target === yearInput) {
      const y = Number(normalize(yearInput.value));
      if (/^\d{4}$/.test(String(y)) && versionForYear(y) !== current) {
        switchVersion(versionForYear(y), true);
        setStatus(`已按年度切换到${versionSelect.selectedOptions[0].textContent}。`);
      }
    }
    if (e.target === fileInput || e.target === docInput) return;
    own(e.target);
    changed();
  });

  versionSelect.addEventListener('change', () => {
    switchVersion(versionSelect.value, true);
    changed();
  });

  form.addEventListener('paste', (e) => {
    const input = e.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains('cell')) return;
    const text = (e.clipboardData && e.clipboardData.getData('text/plain')) || '';
    if (!/[\t\n]/.test(text.replace(/[\r\n]+$/, ''))) return; // one value: the browser pastes it
    e.preventDefault();
    pasteRow(input, text);
    changed();
  });

  // Enter moves to the next field instead of submitting half a report.
  form.addEventListener('keydown', (e) => {
    const t = e.target;
    if (e.key !== 'Enter' || !(t instanceof HTMLInputElement) || e.isComposing) return;
    e.preventDefault();
    const fields = [...form.querySelectorAll('[data-path]')].filter((el) => el.offsetParent !== null);
    const next = fields[fields.indexOf(t) + (e.shiftKey ? -1 : 1)];
    if (next) next.focus();
  });

  form.addEventListener('focusin', (e) => showDetail(e.target));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });

  byId('export').addEventListener('click', exportJSON);
  docButton.addEventListener('click', () => docInput.click());
  docInput.addEventListener('change', () => {
    if (docInput.files.length) openFile(docInput.files[0]);
    docInput.value = '';
  });

  // A file dropped anywhere on the page is opened as if chosen with 导入文件….
  let dragDepth = 0;
  const dragsFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  const endDrag = () => {
    dragDepth = 0;
    document.body.classList.remove('dropping');
  };
  document.addEventListener('dragenter', (e) => {
    if (!dragsFiles(e)) return;
    dragDepth++;
    document.body.classList.add('dropping');
  });
  document.addEventListener('dragleave', (e) => {
    if (dragsFiles(e) && --dragDepth <= 0) endDrag();
  });
  document.addEventListener('dragover', (e) => {
    if (!dragsFiles(e)) return;
    e.preventDefault(); // without it the browser opens the file instead
    e.dataTransfer.dropEffect = 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!dragsFiles(e)) return;
    e.preventDefault();
    endDrag();
    if (e.dataTransfer.files.length !== 1) setStatus('一次只能导入一个文件。');
    else openFile(e.dataTransfer.files[0]);
  });
  byId('import-button').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    if (fileInput.files.length) importFile(fileInput.files[0]);
    fileInput.value = '';
  });
  byId('clear').addEventListener('click', () => {
    if (!window.confirm('清空全部已填内容和本机保存的草稿？')) return;
    try {
      localStorage.removeItem(DRAFT_KEY);
    } catch {
      // storage disabled: nothing was saved
    }
    for (const el of [...textFields(), ...form.querySelectorAll('input.cell')]) el.value = '';
    clearFindings();
    findingsEl.replaceChildren();
    setSummary('填写后自动校验。', '');
    clearMarks();
    resultEl.hidden = true;
    checkCreditCode();
    updateDerived();
    setStatus('已清空。');
  });

  // Exposed for the browser tests, which check the port against the Go original.
  window.nianbaoForm = Object.freeze({ creditCodeCheck, buildDocument });

  const restored = restoreDraft();
  const params = new URLSearchParams(location.search);
  const from = params.get('from');
  const ref = params.get('import');
  let savedRef = null;
  try {
    savedRef = localStorage.getItem(QUEUED_KEY);
  } catch {
    // storage disabled
  }
  if (ref && QUEUED.test(ref) && restored && savedRef === ref) {
    queued = ref; // a reload keeps the clerk's edits to the loaded draft
    validateNow();
  } else if (ref && QUEUED.test(ref)) {
    loadQueued(ref).then(() => validateNow());
  } else if (from && REPORT_ID.test(from)) {
    loadNextYear(from).then((loaded) => {
      if (loaded || restored) validateNow();
    });
  } else if (restored) {
    validateNow();
  }
  checkCreditCode();
  updateDerived();
})();
