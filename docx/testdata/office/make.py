#!/usr/bin/python3
"""Writes the Word fixtures of package docx with a real office suite.

Run with Debian's python3 and python3-uno, LibreOffice Writer installed
(libreoffice-writer-nogui):

    /usr/bin/python3 docx/testdata/office/make.py docx/testdata/office

It writes, each saved by LibreOffice as Word 2007-365 (.docx):
  plan.docx    a Chinese plan numbered by a list style: 一、 （一） 1. （1）
  law.docx     a law numbered 第一条 … 第十二条 by a list style
  marked.docx  plan.docx as two reviewers send it back: 市司法局 comments on
               a target, replaces one phrase and deletes another; 市财政局
               inserts a sentence and comments on a heading.
The files are committed; tests never run LibreOffice to read them.
"""
import os, shutil, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue

OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

def NT(name):
    return uno.getConstantByName("com.sun.star.style.NumberingType." + name)

class Office:
    def __init__(self, profile, user):
        self.profile = profile
        self.pipe = "redline%d" % os.getpid()
        self.proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo",
            "-env:UserInstallation=file://" + profile,
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                self.ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = self.ctx.ServiceManager
        self.desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        cp = smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)
        ua = cp.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
            (prop("nodepath", "/org.openoffice.UserProfile/Data"),))
        ua.setPropertyValue("givenname", user)
        ua.setPropertyValue("sn", "")
        ua.commitChanges()

    def new(self):
        return self.desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, (prop("Hidden", True),))

    def load(self, path):
        # Load a private copy: LibreOffice refuses (returns None for) a file
        # another office process has touched or locked.
        tmp = os.path.join(tempfile.mkdtemp(prefix="redline-in-"), os.path.basename(path))
        shutil.copyfile(path, tmp)
        doc = self.desktop.loadComponentFromURL(uno.systemPathToFileUrl(tmp), "_blank", 0, ())
        if doc is None:
            raise SystemExit("LibreOffice could not open " + path)
        return doc

    def save(self, doc, path):
        doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", "MS Word 2007 XML"),))
        doc.close(True)

    def quit(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        self.proc.wait(timeout=60)

def list_style(doc, name, levels):
    style = doc.createInstance("com.sun.star.style.NumberingStyle")
    doc.StyleFamilies.getByName("NumberingStyles").insertByName(name, style)
    rules = style.NumberingRules
    for i, (kind, prefix, suffix) in enumerate(levels):
        lvl = list(rules.getByIndex(i))
        for p in lvl:
            if p.Name == "NumberingType": p.Value = NT(kind)
            elif p.Name == "Prefix": p.Value = prefix
            elif p.Name == "Suffix": p.Value = suffix
            elif p.Name == "ParentNumbering": p.Value = 1
            # LibreOffice 7.2 and later number from ListFormat ("第%1%条");
            # Prefix and Suffix are what older versions read.
            elif p.Name == "ListFormat": p.Value = "%s%%%d%%%s" % (prefix, i + 1, suffix)
        uno.invoke(rules, "replaceByIndex", (i, uno.Any("[]com.sun.star.beans.PropertyValue", tuple(lvl))))
    style.NumberingRules = rules

def write(doc, paras, style):
    text = doc.Text
    cur = text.createTextCursor()
    first = True
    for level, body in paras:
        if not first:
            text.insertControlCharacter(cur, 0, False)  # PARAGRAPH_BREAK
        first = False
        text.insertString(cur, body, False)
        if level is None:
            cur.setPropertyValue("NumberingStyleName", "")
        else:
            cur.setPropertyValue("NumberingStyleName", style)
            cur.setPropertyValue("NumberingLevel", level)

PLAN = [
    (None, "武汉建设人工智能创新应用先导区实施方案（征求意见稿）"),
    (0, "总体要求"),
    (1, "指导思想"),
    (None, "坚持创新驱动，推动人工智能与经济社会深度融合。"),
    (0, "建设内容"),
    (1, "实施人工智能技术突破计划"),
    (2, "加强人工智能技术创新。每年组织实施人工智能创新专项项目不少于20项。（责任单位：市科技局）"),
    (2, "建设创新平台。建设国家级创新平台5个。（责任单位：市发改委）"),
    (1, "实施人工智能场景应用计划"),
    (2, "推进智慧医疗多场景协同。建设智慧医疗服务平台，在智慧医疗领域打造90项应用场景。（责任单位：市卫健委）"),
    (3, "远程会诊。"),
    (3, "远程影像。"),
    (2, "推进智慧城市数智治理。在水务、城管、交通等领域形成100项智慧城市应用场景。（责任单位：市政务数据局）"),
    (0, "保障措施"),
    (1, "加强组织领导"),
]

def make_plan(office):
    doc = office.new()
    list_style(doc, "公文编号", [("NUMBER_LOWER_ZH", "", "、"), ("NUMBER_LOWER_ZH", "（", "）"),
                                 ("ARABIC", "", "."), ("ARABIC", "（", "）")])
    write(doc, PLAN, "公文编号")
    office.save(doc, os.path.join(OUT, "plan.docx"))

def make_law(office):
    doc = office.new()
    list_style(doc, "条", [("NUMBER_LOWER_ZH", "第", "条")])
    paras = [(None, "示范管理条例")]
    for i in range(1, 13):
        paras.append((0, "本条例第%d条的内容，规定有关事项不少于%d项。" % (i, i * 10)))
    write(doc, paras, "条")
    office.save(doc, os.path.join(OUT, "law.docx"))

def soffice_convert(src, fmt, outdir, profile):
    subprocess.run(["soffice", "--headless", "--norestore", "-env:UserInstallation=file://" + profile,
                    "--convert-to", fmt, "--outdir", outdir, src],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)

def change_info(author, date):
    return ('<office:change-info><dc:creator>%s</dc:creator><dc:date>%s</dc:date></office:change-info>'
            % (author, date))

def make_marked():
    """plan.docx as two reviewers send it back. LibreOffice 7.4 aborts when
    an annotation is inserted through UNO in a headless session, so the
    marks are written into LibreOffice's own flat XML (.fodt) of the plan,
    the office's documented format for tracked changes and annotations,
    and LibreOffice converts that to .docx."""
    work = tempfile.mkdtemp(prefix="redline-marked-")
    profile = tempfile.mkdtemp(prefix="redline-lo-")
    try:
        shutil.copyfile(os.path.join(OUT, "plan.docx"), os.path.join(work, "plan.docx"))
        soffice_convert(os.path.join(work, "plan.docx"), "fodt", work, profile)
        fodt = open(os.path.join(work, "plan.fodt"), encoding="utf-8").read()
        a1, d1 = "市司法局", "2023-10-08T09:30:00"
        a2, d2 = "市财政局", "2023-10-09T15:00:00"
        regions = [
            # 市司法局 replaces a phrase: a deletion and an insertion.
            ("ct1", "deletion", a1, d1, "组织实施人工智能创新专项项目"),
            ("ct2", "insertion", a1, d1, None),
            # 市司法局 deletes "、交通".
            ("ct3", "deletion", a1, d1, "、交通"),
            # 市财政局 inserts a sentence.
            ("ct4", "insertion", a2, d2, None),
        ]
        tracked = ['<text:tracked-changes text:track-changes="true">']
        for cid, kind, author, date, deleted in regions:
            body = '<text:p>%s</text:p>' % deleted if deleted else ''
            tracked.append('<text:changed-region xml:id="%s" text:id="%s"><text:%s>%s%s</text:%s></text:changed-region>'
                           % (cid, cid, kind, change_info(author, date), body, kind))
        tracked.append('</text:tracked-changes>')
        def once(old, new):
            nonlocal fodt
            if fodt.count(old) != 1:
                raise SystemExit("expected once in the plan: " + old)
            fodt = fodt.replace(old, new)
        once("<office:text>", "<office:text>" + "".join(tracked))
        once("每年组织实施人工智能创新专项项目不少于20项",
             '每年<text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>'
             '组织实施人工智能领域创新专项<text:change-end text:change-id="ct2"/>不少于20项')
        once("在水务、城管、交通等领域", '在水务、城管<text:change text:change-id="ct3"/>等领域')
        once("建设国家级创新平台5个。",
             '建设国家级创新平台5个。<text:change-start text:change-id="ct4"/>新增省级平台10个。'
             '<text:change-end text:change-id="ct4"/>')
        def note(name, author, date, text):
            return ('<office:annotation office:name="%s"><dc:creator>%s</dc:creator><dc:date>%s</dc:date>'
                    '<text:p>%s</text:p></office:annotation>' % (name, author, date, text))
        once("在智慧医疗领域打造90项应用场景",
             "在智慧医疗领域" + note("c1", a1, d1, "建议调整为80项，与市卫健委协商一致。")
             + '打造90项应用场景<office:annotation-end office:name="c1"/>')
        once(">加强组织领导<", ">" + note("c2", a2, d2, "请明确资金保障。")
             + '加强组织领导<office:annotation-end office:name="c2"/><')
        marked = os.path.join(work, "marked.fodt")
        open(marked, "w", encoding="utf-8").write(fodt)
        soffice_convert(marked, "docx:MS Word 2007 XML", work, profile)
        shutil.copyfile(os.path.join(work, "marked.docx"), os.path.join(OUT, "marked.docx"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)

def session(user, fn, *args):
    profile = tempfile.mkdtemp(prefix="redline-lo-")
    office = Office(profile, user)
    try:
        fn(office, *args)
    finally:
        office.quit()
        shutil.rmtree(profile, ignore_errors=True)

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    steps = sys.argv[2:] or ["plan", "law", "marked"]
    if "plan" in steps:
        session("redline", make_plan)
    if "law" in steps:
        session("redline", make_law)
    if "marked" not in steps:
        sys.exit(0)
    make_marked()
    print("wrote", OUT)
