import zipfile
CT='''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'''
RELS='''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WB='''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="FAQ" sheetId="1" r:id="rId1"/><sheet name="Secret" sheetId="3" state="hidden" r:id="rId3"/><sheet name="Extra" sheetId="2" r:id="rId2"/></sheets></workbook>'''
WBR='''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'''
ST='''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'''
def s(ref, text, style=None):
    st = f' s="{style}"' if style is not None else ''
    return f'<c r="{ref}" t="inlineStr"{st}><is><t xml:space="preserve">{text}</t></is></c>'
def n(ref, v, style=None):
    st = f' s="{style}"' if style is not None else ''
    return f'<c r="{ref}"{st}><v>{v}</v></c>'
def f(ref, formula, v, style=None, t=None):
    st = f' s="{style}"' if style is not None else ''
    tt = f' t="{t}"' if t else ''
    return f'<c r="{ref}"{st}{tt}><f>{formula}</f><v>{v}</v></c>'
rich = '<c r="B2" t="inlineStr"><is><r><t xml:space="preserve">It costs </t></r><r><rPr><b/></rPr><t>9.99</t></r><r><t xml:space="preserve"> a month.</t></r></is></c>'
rows = [
 '<row r="1">'+s('A1','question')+s('B1','answer')+s('C1','category')+s('D1','tags')+s('E1','price')+s('F1','released')+s('G1','total')+'</row>',
 '<row r="2">'+s('A2','How much is the basic plan?')+rich+s('C2','Billing')+s('D2','price; plans')+n('E2','1234.5',1)+n('F2','45366',2)+f('G2','E2*12','14814',1)+'</row>',
 '<row r="3">'+s('A3','Can I share my account?')+s('B3','No, accounts are personal.')+s('C3','Accounts')+'<c r="D3"/>'+'</row>',
 '<row r="4" hidden="1">'+s('A4','Is this row hidden?')+s('B4','Yes, but it is still data.')+'</row>',
 '<row r="6">'+s('A6','What share is refunded?')+n('B6','0.5',3)+s('C6','Billing')+n('E6','1234567.891')+f('F6','1/0','#DIV/0!',None,'e')+n('G6','45366',4)+'</row>',
 '<row r="7">'+s('A7','When was it released?')+f('B7','F2','45366',2)+s('C7','News')+f('D7','A3&amp;"!"','Can I share my account?!',None,'str')+'<c r="E7" t="b"><v>1</v></c>'+'</row>',
]
S1 = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'+''.join(rows)+'</sheetData><mergeCells count="1"><mergeCell ref="C3:D3"/></mergeCells></worksheet>'
S2 = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'+s('A1','Frage')+s('B1','Antwort')+'</row><row r="2">'+s('A2','Wie spät ist es?')+s('B2','Zeit für Tee.')+'</row></sheetData></worksheet>'
S3 = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'+s('A1','question')+s('B1','answer')+'</row><row r="2">'+s('A2','Secret?')+s('B2','Hidden sheet.')+'</row></sheetData></worksheet>'
with zipfile.ZipFile('features.xlsx','w',zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml',CT); z.writestr('_rels/.rels',RELS); z.writestr('xl/workbook.xml',WB)
    z.writestr('xl/_rels/workbook.xml.rels',WBR); z.writestr('xl/styles.xml',ST)
    z.writestr('xl/worksheets/sheet1.xml',S1); z.writestr('xl/worksheets/sheet2.xml',S2); z.writestr('xl/worksheets/sheet3.xml',S3)
