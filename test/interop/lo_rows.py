"""
Drives LibreOffice Calc headless as an officer would: opens a workbook, inserts and deletes whole rows through
the menu commands (the dispatcher, so that sheet protection applies as in the program), types into cells, and
saves as .xlsx. Usage: python3 lo_rows.py IN.xlsx OUT.xlsx STEPS.json PROFILE_DIR
STEPS is a list of {"sheet", "op": "insertBefore" | "insertAfter" | "delete" | "type" | "read", "row" (1-based),
"col" (1-based, for type), "text", "range" (for read: "A4:G8", read after LibreOffice recalculates everything)}.
Prints a JSON list, one entry per step: the sheet's used rows before and after it, or the values read.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def used_rows(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    return cursor.getRangeAddress().EndRow + 1


def main():
    src, dst, steps_file, profile = sys.argv[1:5]
    steps = json.load(open(steps_file, encoding='utf-8'))
    pipe = 'jixiao_rows_%d' % os.getpid()
    proc = subprocess.Popen(
        ['soffice', '-env:UserInstallation=' + uno.systemPathToFileUrl(os.path.abspath(profile)), '--headless', '--invisible',
         '--norestore', '--nologo', '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
        ctx = None
        for _ in range(200):
            try:
                ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
                break
            except Exception:
                time.sleep(0.25)
        if ctx is None:
            raise RuntimeError('LibreOffice did not start')
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), '_blank', 0, (prop('Hidden', True),))
        frame = doc.getCurrentController().getFrame()
        dispatcher = smgr.createInstanceWithContext('com.sun.star.frame.DispatchHelper', ctx)
        report = []
        for step in steps:
            sheet = doc.Sheets.getByName(step['sheet'])
            before = used_rows(sheet)
            if step['op'] == 'read':
                doc.calculateAll()
                values = sheet.getCellRangeByName(step['range']).getDataArray()
                report.append({'op': 'read', 'values': [list(r) for r in values]})
                continue
            if step['op'] == 'type':
                sheet.getCellByPosition(step['col'] - 1, step['row'] - 1).setString(step['text'])
            else:
                doc.getCurrentController().setActiveSheet(sheet)
                address = '$%s.$A$%d' % (step['sheet'], step['row'])
                dispatcher.executeDispatch(frame, '.uno:GoToCell', '', 0, (prop('ToPoint', address),))
                command = {'insertBefore': '.uno:InsertRowsBefore', 'insertAfter': '.uno:InsertRowsAfter', 'delete': '.uno:DeleteRows'}[step['op']]
                dispatcher.executeDispatch(frame, command, '', 0, ())
            report.append({'op': step['op'], 'row': step['row'], 'before': before, 'after': used_rows(sheet),
                           'protected': sheet.isProtected()})
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
        print(json.dumps(report), flush=True)
        try:
            doc.close(True)
        except Exception:
            pass  # saved already: LibreOffice going away while closing changes nothing
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(60)
        except Exception:
            proc.kill()


if __name__ == '__main__':
    main()
