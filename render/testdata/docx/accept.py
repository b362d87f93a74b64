#!/usr/bin/python3
"""Accepts or rejects every tracked change of a .docx in LibreOffice and
writes the result as plain text (UTF-8), one line per paragraph:

    /usr/bin/python3 accept.py accept|reject IN.docx OUT.txt

It drives LibreOffice headless through UNO, with Debian's python3-uno, and
the office's own dispatch commands (.uno:AcceptAllTrackedChanges,
.uno:RejectAllTrackedChanges), as a user's click on Accept All would.
"""
import os, re, shutil, subprocess, sys, tempfile, time, zipfile
import uno
from com.sun.star.beans import PropertyValue

def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p

def without_comment_anchors(src, dst):
    """Copies the .docx without its comment anchors. LibreOffice 7.4
    (Debian 12) aborts when a document with comments is opened through UNO
    in a headless session (its command-line conversion opens the same file
    fine); comments carry no text of the document, so the accepted and
    rejected texts do not depend on them."""
    zin = zipfile.ZipFile(src)
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == "word/document.xml":
            s = data.decode("utf-8")
            s = re.sub(r'<w:commentRange(Start|End) w:id="\d+"/>', "", s)
            s = re.sub(r'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="\d+"/></w:r>', "", s)
            data = s.encode("utf-8")
        zout.writestr(info, data)
    zout.close()

def main():
    mode, src, out = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    work = tempfile.mkdtemp(prefix="redline-accept-")
    profile = tempfile.mkdtemp(prefix="redline-lo-")
    pipe = "redlineaccept%d" % os.getpid()
    proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
                             "-env:UserInstallation=file://" + profile,
                             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(240):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.25)
        else:
            sys.exit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        tmp = os.path.join(work, "in.docx")
        without_comment_anchors(src, tmp)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(tmp), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            sys.exit("LibreOffice could not open " + src)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        frame = doc.getCurrentController().getFrame()
        cmd = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
        dispatcher.executeDispatch(frame, cmd, "", 0, ())
        doc.storeToURL(uno.systemPathToFileUrl(os.path.join(work, "out.txt")),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,")))
        doc.close(True)
        shutil.copyfile(os.path.join(work, "out.txt"), out)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=60)
        except Exception:
            proc.kill()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)

if __name__ == "__main__":
    main()
