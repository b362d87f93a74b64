#!/usr/bin/env python3
"""Writes numfmt.docx: one numbered paragraph per (number format, value),
each list started at the value with w:startOverride and labelled "%1|".

    python3 make.py numfmt.docx
    soffice --headless --convert-to txt:Text numfmt.docx   # → libreoffice.txt

libreoffice.txt is LibreOffice 7.4's (Debian 12) rendering of those labels;
numfmt_test.go compares FormatNumber with it where LibreOffice keeps Word's
format (it maps some onto its own types and loses them).
"""
import zipfile,sys
fmts=["chineseCounting","chineseCountingThousand","chineseLegalSimplified","ideographTraditional","decimalEnclosedCircle","ideographDigital","japaneseCounting","taiwaneseCounting","decimalFullWidth","upperLetter","lowerRoman","decimalZero","ideographZodiac","decimalEnclosedParen","decimalEnclosedFullstop","cardinalText","ordinal","taiwaneseCountingThousand","ideographLegalTraditional","japaneseLegal"]
vals=[1,9,10,11,19,20,21,99,100,101,110,111,1000,1001,1010,10000,27,30]
absn=[];nums=[];paras=[]
nid=1
for fi,f in enumerate(fmts):
  absn.append(f'<w:abstractNum w:abstractNumId="{fi}"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{f}"/><w:lvlText w:val="%1|"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>')
  for v in vals:
    nums.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{fi}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="{v}"/></w:lvlOverride></w:num>')
    paras.append(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{nid}"/></w:numPr></w:pPr><w:r><w:t>{f} {v}</w:t></w:r></w:p>')
    nid+=1
W='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
doc=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{"".join(paras)}</w:body></w:document>'
numx=f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>{"".join(absn)}{"".join(nums)}</w:numbering>'
ct='<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>'
rels='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
drels='<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>'
z=zipfile.ZipFile(sys.argv[1],'w')
z.writestr('[Content_Types].xml',ct);z.writestr('_rels/.rels',rels);z.writestr('word/document.xml',doc);z.writestr('word/numbering.xml',numx);z.writestr('word/_rels/document.xml.rels',drels)
