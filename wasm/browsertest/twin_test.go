package browsertest

import (
	"strings"
	"testing"
	"time"
)

// TestTextTwin: once the game runs, the page's DOM holds its text in the
// page's language — the headline numbers, the date, the selected state —
// where a screen reader finds it, kept in step with the canvas; a
// keyboard reaches the "Text view" link first; toasts go to a polite live
// region.
func TestTextTwin(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(devices[7]).navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	p.waitJS(`document.getElementById("twin") && document.getElementById("twin").textContent.includes("Chips running")`, 10*time.Second, "the twin to hold the headline numbers")
	text := evalJS[string](p, `document.getElementById("twin").textContent`)
	for _, want := range []string{"Gigafactory Sandbox", "01/01/2026", "Headline numbers", "InvestAI fund left"} {
		if !strings.Contains(text, want) {
			t.Errorf("the twin does not say %q:\n%s", want, text)
		}
	}
	evalJS[any](p, "window.gigasim.select('PL')")
	evalJS[any](p, "window.gigasim.setLang('de')")
	p.waitJS(`document.getElementById("twin").textContent.includes("Polen") && document.getElementById("twin").lang === "de"`, 10*time.Second, "the twin in German, with Poland selected")
	evalJS[status](p, "window.gigasim.runTo(200)")
	p.waitJS(`document.getElementById("twin").textContent.includes(window.gigasim.twin().date)`, 10*time.Second, "the twin to follow the run to day 200")
	if got := evalJS[string](p, `document.querySelector("a").id`); got != "twin-open" {
		t.Errorf("the first link of the page is %q, want the text view's", got)
	}
	if role := evalJS[string](p, `document.getElementById("twin-live").getAttribute("aria-live")`); role != "polite" {
		t.Errorf("the live region is aria-live=%q, want polite", role)
	}
	evalJS[any](p, `document.getElementById("twin-open").click()`)
	if shown := evalJS[bool](p, `document.getElementById("twin").classList.contains("twin-shown")`); !shown {
		t.Error("the Text view link did not show the twin")
	}
}
