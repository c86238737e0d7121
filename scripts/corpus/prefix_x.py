"""Hand-edits a workbook's XML the way some generators (.NET's OpenXML SDK, some report servers) write it:
every SpreadsheetML element of the workbook, the sheets and the shared strings carries an `x:` prefix
(xmlns:x=".../spreadsheetml/2006/main" instead of the default namespace). Nothing else changes.

Usage: python3 prefix_x.py IN.xlsx OUT.xlsx
"""
import re
import sys
import zipfile

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'


def prefixed(xml):
    if f'xmlns="{MAIN}"' not in xml:
        return xml
    xml = xml.replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"', 1)
    # <name …> and </name>, leaving <?xml …?>, <!-- … --> and already-prefixed names (r:id, mc:…) alone.
    return re.sub(r'<(/?)([A-Za-z_][\w.-]*)(?=[\s/>])', lambda m: f'<{m.group(1)}x:{m.group(2)}', xml)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            name = info.filename
            if name == 'xl/workbook.xml' or name == 'xl/sharedStrings.xml' or name.startswith('xl/worksheets/sheet'):
                data = prefixed(data.decode('utf-8')).encode('utf-8')
            zout.writestr(info, data, zipfile.ZIP_DEFLATED)


if __name__ == '__main__':
    main()
