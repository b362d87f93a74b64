package render

// pageCSS styles every HTML page: a sober document a legal office would sign
// off, in the fonts the reader already has (no web fonts, no network).
const pageCSS = `
:root {
  --ink: #1a1a1a; --muted: #5f5f5f; --rule: #c9c9c9; --paper: #fff;
  --del: #a4161a; --del-bg: #fbe9e9; --ins: #0b6623; --ins-bg: #e7f4ea;
  --accent: #7a1f1f; --margin-bg: #f7f5ef;
}
* { box-sizing: border-box; }
html { background: #e9e9e6; }
body {
  margin: 2rem auto; max-width: 62rem; padding: 2.5rem 3rem; background: var(--paper); color: var(--ink);
  font-family: "Songti SC", STSong, SimSun, "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC",
    Georgia, "Times New Roman", serif;
  font-size: 11pt; line-height: 1.75; box-shadow: 0 1px 4px rgba(0,0,0,.15);
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
h1, h2, h3, th, .kind, .status, .who, nav, .meta, .label {
  font-family: "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 18pt; text-align: center; margin: 0 0 .8rem; letter-spacing: .04em; line-height: 1.4; }
h2 { font-size: 13.5pt; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin: 2rem 0 1rem; }
h3 { font-size: 11.5pt; margin: 0 0 .4rem; }
.doc-head { border-bottom: 3px double var(--ink); padding-bottom: 1rem; margin-bottom: 1.2rem; }
.meta { margin: 0 auto; border-collapse: collapse; font-size: 10pt; }
.meta th { text-align: right; padding: .1rem .8rem .1rem 0; color: var(--muted); font-weight: normal; }
.meta td { padding: .1rem 1rem .1rem 0; }
.summary { text-align: center; color: var(--muted); margin: .6rem 0 0; font-size: 10pt; }
nav.toc { font-size: 10pt; margin: 1rem 0 1.5rem; }
nav.toc h2 { font-size: 11pt; border: 0; margin: 0 0 .3rem; }
nav.toc ol { margin: 0; padding-left: 1.6rem; columns: 2; column-gap: 2rem; }
nav.toc li { break-inside: avoid; }
nav.toc a { color: var(--ink); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.tag { font-size: 8.5pt; color: var(--muted); border: 1px solid var(--rule); border-radius: 2px; padding: 0 .3em; margin-left: .3em; white-space: nowrap; }
.tag.warn { color: var(--accent); border-color: var(--accent); }
.change { display: grid; grid-template-columns: minmax(0, 1fr) 16rem; gap: 0 1.4rem;
  border-top: 1px solid var(--rule); padding: .9rem 0; break-inside: avoid; page-break-inside: avoid; }
.label { font-weight: bold; }
.title { font-weight: normal; }
.kind { font-size: 8.5pt; font-weight: normal; color: var(--muted); border: 1px solid var(--rule); padding: 0 .35em; border-radius: 2px; margin-left: .4em; white-space: nowrap; }
.kind.k-inserted { color: var(--ins); border-color: var(--ins); }
.kind.k-deleted { color: var(--del); border-color: var(--del); }
.redline { margin: .2rem 0 .4rem; white-space: pre-wrap; }
html:lang(zh-CN) .redline { text-align: justify; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; text-decoration-thickness: 1px; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; text-underline-offset: 2px; }
del + ins { margin-left: .12em; }
/* what a screen reader says before an insertion or deletion: out of sight, never selected or copied */
.sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; -webkit-user-select: none; user-select: none; }
section.unexplained a { color: var(--ink); }
.facts { margin: .2rem 0 0; padding: 0; list-style: none; font-size: 10pt; }
.facts li { margin: .1rem 0; }
.fact-key { color: var(--muted); margin-right: .5em; }
.fact-note { color: var(--muted); }
aside.margin { border-left: 2px solid var(--rule); padding-left: .9rem; font-size: 9.5pt; line-height: 1.6; }
.comment { background: var(--margin-bg); padding: .45rem .6rem; margin: 0 0 .6rem; border-radius: 2px; }
.comment p { margin: .15rem 0; white-space: pre-wrap; word-break: break-word; }
.who { font-weight: bold; }
.status { font-size: 8.5pt; padding: 0 .35em; border-radius: 2px; margin-left: .3em; white-space: nowrap; font-weight: normal; border: 1px solid; }
.st-adopted { color: var(--ins); }
.st-partial { color: #8a5a00; }
.st-rejected { color: var(--del); }
.st-pending { color: var(--muted); }
.cid, .k { color: var(--muted); }
.no-comment { color: var(--muted); font-style: italic; }
.no-comment.warn { color: var(--accent); font-style: normal; font-weight: bold; }
.folded { color: var(--muted); font-size: 10pt; border-top: 1px solid var(--rule); padding-top: .6rem; }
section.unexplained, section.unapplied { margin-top: 1.5rem; }
section.unapplied .comment { max-width: 40rem; }
table.compare, table.report { width: 100%; border-collapse: collapse; font-size: 10pt; margin: .5rem 0 1rem; }
table.compare th, table.compare td, table.report th, table.report td {
  border: 1px solid #8c8c8c; padding: .35rem .5rem; vertical-align: top; text-align: left; white-space: pre-wrap; word-break: break-word; }
table.compare thead th, table.report thead th { background: #efefec; text-align: center; }
table.compare col.c-label { width: 16%; }
table.compare col.c-text { width: 42%; }
table.report col.r-seq { width: 5%; }
table.report col.r-by { width: 13%; }
table.report col.r-text { width: 32%; }
table.report col.r-disp { width: 18%; }
table.report td.seq { text-align: center; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.note { color: var(--muted); font-size: 10pt; }
.changed-item { margin: 0 0 .4rem; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: .4rem; font-size: 8.5pt; color: var(--muted); text-align: center; }
@media screen and (max-width: 48rem) {
  body { padding: 1.2rem; margin: 0; }
  .change { grid-template-columns: 1fr; }
  aside.margin { border-left: 0; border-top: 1px dashed var(--rule); padding: .5rem 0 0; }
  nav.toc ol { columns: 1; }
}
@page {
  size: A4; margin: 20mm 18mm 20mm 22mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; color: #5f5f5f; }
}
@media print {
  html { background: none; }
  body { margin: 0; padding: 0; max-width: none; box-shadow: none; font-size: 10.5pt; }
  .document + .document, section.unapplied, .part + .part { break-before: page; page-break-before: always; }
  nav.toc a { color: var(--ink); }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .change { grid-template-columns: minmax(0, 1fr) 55mm; }
}
`
