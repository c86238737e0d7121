"""Writes the corpus sheet with openpyxl and XlsxWriter (Debian python3-openpyxl, python3-xlsxwriter).

Usage: python3 gen_python.py OUT_DIR
Writes openpyxl.xlsx, openpyxl-1904.xlsx, xlsxwriter.xlsx, xlsxwriter-inline-1904.xlsx and
source-formulas.xlsx (formulas without cached results: the input LibreOffice and Gnumeric recalculate).
The layout (rows 1-3 title merged A:M, row 5 header, row 6 column numbers, rows 7-26 data, footer from row 28)
is the one test/unit/imports-read/corpus.test.ts expects.
"""
import datetime
import json
import os
import sys

import openpyxl
import xlsxwriter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = json.load(open(os.path.join(HERE, 'data.json'), encoding='utf-8'))
FIELDS = ['no', 'nik', 'noKk', 'nama', 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'alamat', 'rt', 'rw', 'desa',
          'kecamatan', 'keterangan']
WIDTH = len(FIELDS)
HEADER_ROW = 5
FIRST_DATA = 7
LAST_COL = 'M'


def date(iso):
    y, m, d = (int(x) for x in iso.split('-'))
    return datetime.datetime(y, m, d)


def footer_start():
    return FIRST_DATA + len(DATA['rows']) + 1  # one empty row between the data and the signature block


def openpyxl_book(path, *, formulas, hidden, epoch1904):
    """openpyxl 3.0 (Debian 12) writes no rich text and no formula results."""
    wb = openpyxl.Workbook()
    ws = wb.active
    if hidden:
        ref = ws
        ref.title = 'Referensi'
        ref.append(['Kode', 'Kecamatan'])
        for code, name in [('62.02.01', 'Kota Besi'), ('62.02.05', 'Baamang'), ('62.02.06', 'Mentawa Baru Ketapang')]:
            ref.append([code, name])
        ref.sheet_state = 'hidden'
        ws = wb.create_sheet('DATA')
        wb.active = 1
    else:
        ws.title = 'DATA'
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    for i, t in enumerate(DATA['titles']):
        ws.cell(row=1 + i, column=1, value=t)
        ws.merge_cells(f'A{1 + i}:{LAST_COL}{1 + i}')
    for c, h in enumerate(DATA['header']):
        ws.cell(row=HEADER_ROW, column=1 + c, value=h)
        ws.cell(row=HEADER_ROW + 1, column=1 + c, value=c + 1)
    for i, row in enumerate(DATA['rows']):
        r = FIRST_DATA + i
        for c, f in enumerate(FIELDS):
            v = row[f]
            if f == 'no' and formulas and i > 0:
                v = f'=A{r - 1}+1'
            elif f == 'tanggalLahir':
                v = date(v)
            cell = ws.cell(row=r, column=1 + c, value=v)
            if f == 'tanggalLahir':
                cell.number_format = 'DD/MM/YYYY'
            elif f in ('nik', 'noKk', 'rt', 'rw'):
                cell.number_format = '@'
    for j, frow in enumerate(DATA['footer']):
        for c, v in enumerate(frow):
            if v:
                ws.cell(row=footer_start() + j, column=1 + c, value=v)
    wb.save(path)


def xlsxwriter_book(path, *, inline, epoch1904):
    opts = {'constant_memory': inline, 'date_1904': epoch1904}
    wb = xlsxwriter.Workbook(path, opts)
    bold = wb.add_format({'bold': True})
    title = wb.add_format({'bold': True, 'align': 'center'})
    datefmt = wb.add_format({'num_format': 'dd/mm/yyyy'})
    text = wb.add_format({'num_format': '@'})
    if not inline:
        ref = wb.add_worksheet('Referensi')
    ws = wb.add_worksheet('DATA')
    # constant_memory writes row by row: merges are written with the first row.
    for i, t in enumerate(DATA['titles']):
        ws.merge_range(i, 0, i, WIDTH - 1, t, title)
    for c, h in enumerate(DATA['header']):
        ws.write_string(HEADER_ROW - 1, c, h, bold)
    for c in range(WIDTH):
        ws.write_number(HEADER_ROW, c, c + 1)
    rich_no = DATA['richKeterangan']['no']
    for i, row in enumerate(DATA['rows']):
        r = FIRST_DATA - 1 + i
        for c, f in enumerate(FIELDS):
            v = row[f]
            if f == 'no':
                if i == 0:
                    ws.write_number(r, c, v)
                else:
                    ws.write_formula(r, c, f'=A{r}+1', None, v)
            elif f == 'tanggalLahir':
                ws.write_datetime(r, c, date(v), datefmt)
            elif f == 'keterangan' and row['no'] == rich_no:
                parts = []
                for run in DATA['richKeterangan']['runs']:
                    if run.get('bold'):
                        parts.append(bold)
                    parts.append(run['text'])
                ws.write_rich_string(r, c, *parts)
            elif v is None:
                continue
            elif f in ('nik', 'noKk', 'rt', 'rw'):
                ws.write_string(r, c, v, text)
            else:
                ws.write_string(r, c, v)
    for j, frow in enumerate(DATA['footer']):
        for c, v in enumerate(frow):
            if v:
                ws.write_string(footer_start() - 1 + j, c, v)
    if not inline:
        ref.write_row(0, 0, ['Kode', 'Kecamatan'])
        ref.write_row(1, 0, ['62.02.05', 'Baamang'])
        ws.activate()
        ref.hide()
    wb.close()


def main():
    out = sys.argv[1]
    openpyxl_book(os.path.join(out, 'openpyxl.xlsx'), formulas=False, hidden=True, epoch1904=False)
    openpyxl_book(os.path.join(out, 'openpyxl-1904.xlsx'), formulas=False, hidden=False, epoch1904=True)
    openpyxl_book(os.path.join(out, 'source-formulas.xlsx'), formulas=True, hidden=True, epoch1904=False)
    xlsxwriter_book(os.path.join(out, 'xlsxwriter.xlsx'), inline=False, epoch1904=False)
    xlsxwriter_book(os.path.join(out, 'xlsxwriter-inline-1904.xlsx'), inline=True, epoch1904=True)


if __name__ == '__main__':
    main()
