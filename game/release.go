package game

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/game/session"
	"gigasandbox/model"
)

// releaseAbout says, in the page's language, when a release's figures are
// from ("data as of December 2026").
func (g *Game) releaseAbout(rel *model.Release) string { return g.tr("release." + rel.Name) }

// releaseLine names the release of the run's figures, for the
// Assumptions sheet and the exports.
func (g *Game) releaseLine() string {
	rel := g.sess.Sim().Release()
	return g.tr("assume.release", rel.Name, g.releaseAbout(rel))
}

// OfferNewestRelease, for a run opened from a link, says when its release
// of figures is older than the newest and offers the same scenario on the
// newest figures beside it, in the comparison sheet. The link still opens
// as its sender saw it.
func (g *Game) OfferNewestRelease() {
	rel, newest := g.sess.Sim().Release(), model.NewestRelease()
	if rel == newest {
		return
	}
	g.offer(g.tr("release.older", rel.Name, g.releaseAbout(rel), newest.Name, g.releaseAbout(newest)), g.tr("release.compare"), g.compareWithNewest)
}

// compareWithNewest opens the comparison sheet with, beside the run, the
// same scenario (its edits too) on the newest release, projected to its
// horizon over the next frames.
func (g *Game) compareWithNewest() {
	sc := g.sess.Scenario()
	sc.Release = model.NewestRelease().Name
	g.newest = session.NewProjection(sc)
	g.compareOpen = true
	g.changed()
}

// newestFor is the projection the comparison sheet sets beside the run
// instead of the baseline: the same scenario on the newest release, while
// the run still rests on an older one; nil otherwise.
func (g *Game) newestFor() *session.Projection {
	if g.newest == nil || g.sess.Sim().Release() == model.NewestRelease() {
		return nil
	}
	return g.newest
}

// captionH is the height, in pixels, of the strip under an exported
// picture that names the scenario, the release of its figures and the day.
const captionH = 28

// captioned returns the screen with a strip under it that names the
// scenario, the release and the day, so that a picture of the page says
// what data it shows wherever it is pasted.
func (g *Game) captioned(screen *ebiten.Image) *image.RGBA {
	b := screen.Bounds()
	out := ebiten.NewImage(b.Dx(), b.Dy()+captionH)
	defer out.Deallocate()
	out.Fill(colPanel)
	out.DrawImage(screen, nil)
	rel := g.sess.Sim().Release()
	text := g.tr("export.caption", g.presetLabel(g.sess.Name()), rel.Name, g.releaseAbout(rel), g.date(g.sess.Day()))
	f := g.u.f.small
	f.draw(out, text, 8, float64(b.Dy())+(captionH-f.height)/2, color.Color(colText))
	img := image.NewRGBA(out.Bounds())
	out.ReadPixels(img.Pix)
	return img
}
