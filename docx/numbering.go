package docx

import (
	"fmt"
	"strconv"
	"strings"
)

// level is one w:lvl of an abstract numbering definition (§17.9.6).
type level struct {
	start   int
	format  string // numFmt
	text    string // lvlText, "%1.%2" style
	isLgl   bool   // show every level's number in decimal
	suffix  string // "tab" (default), "space" or "nothing"
	restart int    // lvlRestart: -1 default; 0 never; k: after level k (1-based) is used
	pStyle  string
}

type abstractNum struct {
	levels [9]*level
	// styleLink names a numbering style whose definition this one uses.
	numStyleLink string
	styleLink    string
}

type num struct {
	abstract  string
	overrides map[int]*override
}

type override struct {
	start *int
	level *level
}

// numbering is a document's numbering part and the numbering its styles
// carry, with the counters of a reading of the body.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*num
	styles    map[string]*style
	counters  map[string]*[9]int // per list instance
	used      map[string]*[9]bool
}

type style struct {
	basedOn string
	numID   string
	ilvl    int
	hasIlvl bool
}

type xLvl struct {
	Ilvl    int   `xml:"ilvl,attr"`
	Start   *xVal `xml:"start"`
	NumFmt  *xVal `xml:"numFmt"`
	LvlText *xVal `xml:"lvlText"`
	IsLgl   *xVal `xml:"isLgl"`
	Suff    *xVal `xml:"suff"`
	Restart *xVal `xml:"lvlRestart"`
	PStyle  *xVal `xml:"pStyle"`
}

type xVal struct {
	Val string `xml:"val,attr"`
}

func (l xLvl) level() *level {
	lv := &level{start: 1, format: "decimal", suffix: "tab", restart: -1}
	if l.Start != nil {
		lv.start = atoi(l.Start.Val, 1)
	}
	if l.NumFmt != nil {
		lv.format = l.NumFmt.Val
	}
	if l.LvlText != nil {
		lv.text = l.LvlText.Val
	}
	if l.IsLgl != nil {
		lv.isLgl = on(l.IsLgl.Val)
	}
	if l.Suff != nil {
		lv.suffix = l.Suff.Val
	}
	if l.Restart != nil {
		lv.restart = atoi(l.Restart.Val, -1)
	}
	if l.PStyle != nil {
		lv.pStyle = l.PStyle.Val
	}
	return lv
}

func on(v string) bool { return v == "" || v == "1" || v == "true" || v == "on" }

func atoi(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

func parseNumbering(numXML, stylesXML []byte) (*numbering, error) {
	n := &numbering{
		abstracts: map[string]*abstractNum{},
		nums:      map[string]*num{},
		styles:    map[string]*style{},
		counters:  map[string]*[9]int{},
		used:      map[string]*[9]bool{},
	}
	if numXML != nil {
		var x struct {
			Abstract []struct {
				ID           string `xml:"abstractNumId,attr"`
				Lvl          []xLvl `xml:"lvl"`
				NumStyleLink *xVal  `xml:"numStyleLink"`
				StyleLink    *xVal  `xml:"styleLink"`
			} `xml:"abstractNum"`
			Num []struct {
				ID       string `xml:"numId,attr"`
				Abstract xVal   `xml:"abstractNumId"`
				Override []struct {
					Ilvl  int   `xml:"ilvl,attr"`
					Start *xVal `xml:"startOverride"`
					Lvl   *xLvl `xml:"lvl"`
				} `xml:"lvlOverride"`
			} `xml:"num"`
		}
		if err := decodeStrict(numXML, &x); err != nil {
			return nil, fmt.Errorf("%w: numbering: %v", ErrNotDocx, err)
		}
		for _, a := range x.Abstract {
			an := &abstractNum{}
			for _, l := range a.Lvl {
				if l.Ilvl >= 0 && l.Ilvl < 9 {
					an.levels[l.Ilvl] = l.level()
				}
			}
			if a.NumStyleLink != nil {
				an.numStyleLink = a.NumStyleLink.Val
			}
			if a.StyleLink != nil {
				an.styleLink = a.StyleLink.Val
			}
			n.abstracts[a.ID] = an
		}
		for _, m := range x.Num {
			nm := &num{abstract: m.Abstract.Val, overrides: map[int]*override{}}
			for _, o := range m.Override {
				if o.Ilvl < 0 || o.Ilvl >= 9 {
					continue
				}
				ov := &override{}
				if o.Start != nil {
					v := atoi(o.Start.Val, 1)
					ov.start = &v
				}
				if o.Lvl != nil {
					ov.level = o.Lvl.level()
				}
				nm.overrides[o.Ilvl] = ov
			}
			n.nums[m.ID] = nm
		}
	}
	if stylesXML != nil {
		var x struct {
			Style []struct {
				ID      string `xml:"styleId,attr"`
				BasedOn *xVal  `xml:"basedOn"`
				NumPr   *struct {
					Ilvl  *xVal `xml:"ilvl"`
					NumID *xVal `xml:"numId"`
				} `xml:"pPr>numPr"`
			} `xml:"style"`
		}
		if err := decodeStrict(stylesXML, &x); err != nil {
			return nil, fmt.Errorf("%w: styles: %v", ErrNotDocx, err)
		}
		for _, s := range x.Style {
			st := &style{}
			if s.BasedOn != nil {
				st.basedOn = s.BasedOn.Val
			}
			if s.NumPr != nil {
				if s.NumPr.NumID != nil {
					st.numID = s.NumPr.NumID.Val
				}
				if s.NumPr.Ilvl != nil {
					st.ilvl, st.hasIlvl = atoi(s.NumPr.Ilvl.Val, 0), true
				}
			}
			n.styles[s.ID] = st
		}
	}
	return n, nil
}

// resolve says which list and level a paragraph is numbered with: its own
// numPr, else its style's (through basedOn). numId 0 switches numbering off.
func (n *numbering) resolve(pStyle, numID string, ilvl int, hasIlvl bool) (string, int, bool) {
	styleIlvl, styleHas := 0, false
	if numID == "" {
		for id, depth := pStyle, 0; id != "" && depth < 32; depth++ {
			st := n.styles[id]
			if st == nil {
				break
			}
			if st.numID != "" {
				numID = st.numID
				if st.hasIlvl {
					styleIlvl, styleHas = st.ilvl, true
				}
				break
			}
			id = st.basedOn
		}
		if !hasIlvl && styleHas {
			ilvl, hasIlvl = styleIlvl, true
		}
	}
	if numID == "" || numID == "0" || n.nums[numID] == nil {
		return "", 0, false
	}
	if !hasIlvl && pStyle != "" {
		// A level linked to the paragraph's style (w:lvl/w:pStyle).
		if an := n.abstract(numID); an != nil {
			for i, l := range an.levels {
				if l != nil && l.pStyle == pStyle {
					ilvl = i
					break
				}
			}
		}
	}
	if ilvl < 0 || ilvl > 8 {
		ilvl = 0
	}
	return numID, ilvl, true
}

// abstract is the abstract definition a num uses, following a numbering
// style link (numStyleLink → the style's num → its abstract) once.
func (n *numbering) abstract(numID string) *abstractNum {
	m := n.nums[numID]
	if m == nil {
		return nil
	}
	an := n.abstracts[m.abstract]
	if an != nil && an.numStyleLink != "" {
		if st := n.styles[an.numStyleLink]; st != nil && st.numID != "" && st.numID != numID {
			if m2 := n.nums[st.numID]; m2 != nil && n.abstracts[m2.abstract] != nil {
				return n.abstracts[m2.abstract]
			}
		}
	}
	return an
}

func (n *numbering) level(numID string, ilvl int) *level {
	if m := n.nums[numID]; m != nil {
		if ov := m.overrides[ilvl]; ov != nil && ov.level != nil {
			return ov.level
		}
	}
	if an := n.abstract(numID); an != nil && an.levels[ilvl] != nil {
		return an.levels[ilvl]
	}
	return &level{start: 1, format: "decimal", text: "%" + strconv.Itoa(ilvl+1) + ".", suffix: "tab", restart: -1}
}

// instance names the counter set a num counts with: nums that share an
// abstract definition continue one list, as Word numbers them, unless a num
// overrides a level's start, which makes it a list of its own.
func (n *numbering) instance(numID string) string {
	m := n.nums[numID]
	for _, ov := range m.overrides {
		if ov.start != nil || ov.level != nil {
			return "num:" + numID
		}
	}
	return "abs:" + m.abstract
}

// next advances the list's counter at ilvl and renders the paragraph's
// label with its suffix: "第一条 ", "（一）", "1.\t" → "1. ".
func (n *numbering) next(numID string, ilvl int) string {
	key := n.instance(numID)
	c, u := n.counters[key], n.used[key]
	if c == nil {
		c, u = new([9]int), new([9]bool)
		n.counters[key], n.used[key] = c, u
	}
	lv := n.level(numID, ilvl)
	if !u[ilvl] {
		c[ilvl] = n.startOf(numID, ilvl)
	} else {
		c[ilvl]++
	}
	u[ilvl] = true
	// Deeper levels restart when this one is used, unless their
	// lvlRestart says otherwise.
	for d := ilvl + 1; d < 9; d++ {
		r := n.level(numID, d).restart
		if r == -1 || (r > 0 && ilvl < r) {
			u[d] = false
		}
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			v := c[k]
			if !u[k] {
				v = n.startOf(numID, k)
			}
			f := n.level(numID, k).format
			if lv.isLgl {
				f = "decimal"
			}
			b.WriteString(FormatNumber(f, v))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	label := b.String()
	if lv.format == "bullet" || label == "" {
		return ""
	}
	switch lv.suffix {
	case "nothing":
	default: // tab, space: one space keeps the label apart from the text
		label += " "
	}
	return label
}

func (n *numbering) startOf(numID string, ilvl int) int {
	if m := n.nums[numID]; m != nil {
		if ov := m.overrides[ilvl]; ov != nil && ov.start != nil {
			return *ov.start
		}
	}
	return n.level(numID, ilvl).start
}
