package eumap

import "math"

// ETRS89-LAEA (EPSG:3035): Lambert azimuthal equal-area on the GRS80
// ellipsoid, centred at 52°N 10°E, with a false easting of 4,321,000 m and a
// false northing of 3,210,000 m. Formulas: EPSG Guidance Note 7-2, method
// 9820 (after Snyder, Map Projections: A Working Manual, 1987, pp. 187–190).
const (
	grs80A    = 6378137.0     // semi-major axis, metres
	grs80InvF = 298.257222101 // inverse flattening
	lat0Deg   = 52.0
	lon0Deg   = 10.0
	falseE    = 4321000.0
	falseN    = 3210000.0
)

// laea holds the projection constants, computed once.
var laea = newLAEAConsts()

type laeaConsts struct {
	e, e2            float64
	qp               float64 // q at the pole
	sinB0, cosB0     float64 // authalic latitude of the origin
	rq               float64 // radius of the sphere of equal area
	d                float64
	lat1, lat2, lat3 float64 // coefficients of the inverse series for latitude
}

func newLAEAConsts() laeaConsts {
	f := 1 / grs80InvF
	var c laeaConsts
	c.e2 = f * (2 - f)
	c.e = math.Sqrt(c.e2)
	c.qp = c.q(1)
	phi0 := lat0Deg * math.Pi / 180
	b0 := math.Asin(c.q(math.Sin(phi0)) / c.qp)
	c.sinB0, c.cosB0 = math.Sin(b0), math.Cos(b0)
	c.rq = grs80A * math.Sqrt(c.qp/2)
	sinPhi0 := math.Sin(phi0)
	c.d = grs80A * (math.Cos(phi0) / math.Sqrt(1-c.e2*sinPhi0*sinPhi0)) / (c.rq * c.cosB0)
	e4, e6 := c.e2*c.e2, c.e2*c.e2*c.e2
	c.lat1 = c.e2/3 + 31*e4/180 + 517*e6/5040
	c.lat2 = 23*e4/360 + 251*e6/3780
	c.lat3 = 761 * e6 / 45360
	return c
}

// q is the authalic function of Snyder (3-12) for sin φ.
func (c *laeaConsts) q(sinPhi float64) float64 {
	es := c.e * sinPhi
	return (1 - c.e2) * (sinPhi/(1-es*es) - 1/(2*c.e)*math.Log((1-es)/(1+es)))
}

// LAEA projects a longitude and latitude in degrees (ETRS89, which for a map
// is the same as WGS 84) to EPSG:3035 easting and northing in metres, with no
// inset shift. It is the exact ellipsoidal forward formula; the generator
// uses it, and Project rounds it.
func LAEA(lonDeg, latDeg float64) (e, n float64) {
	c := &laea
	phi := latDeg * math.Pi / 180
	dl := (lonDeg - lon0Deg) * math.Pi / 180
	beta := math.Asin(c.q(math.Sin(phi)) / c.qp)
	sinB, cosB := math.Sin(beta), math.Cos(beta)
	sinL, cosL := math.Sin(dl), math.Cos(dl)
	b := c.rq * math.Sqrt(2/(1+c.sinB0*sinB+c.cosB0*cosB*cosL))
	e = falseE + b*c.d*cosB*sinL
	n = falseN + (b/c.d)*(c.cosB0*sinB-c.sinB0*cosB*cosL)
	return e, n
}

// InverseLAEA is the inverse of LAEA: EPSG:3035 easting and northing in
// metres to longitude and latitude in degrees. The latitude comes from the
// series of Guidance Note 7-2, good to well under a millimetre.
func InverseLAEA(e, n float64) (lonDeg, latDeg float64) {
	c := &laea
	x, y := e-falseE, n-falseN
	rho := math.Sqrt(x*x/(c.d*c.d) + c.d*c.d*y*y)
	if rho < 1e-9 {
		return lon0Deg, lat0Deg
	}
	cc := 2 * math.Asin(math.Min(1, rho/(2*c.rq)))
	sinC, cosC := math.Sin(cc), math.Cos(cc)
	beta := math.Asin(math.Max(-1, math.Min(1, cosC*c.sinB0+c.d*y*sinC*c.cosB0/rho)))
	lon := lon0Deg*math.Pi/180 + math.Atan2(x*sinC, c.d*rho*c.cosB0*cosC-c.d*c.d*y*c.sinB0*sinC)
	lat := beta + c.lat1*math.Sin(2*beta) + c.lat2*math.Sin(4*beta) + c.lat3*math.Sin(6*beta)
	return lon * 180 / math.Pi, lat * 180 / math.Pi
}

// maxProjected bounds the coordinates Project returns (metres); anything
// beyond, and anything not finite, is clamped or mapped to Point{}.
const maxProjected = 1 << 28

// roundMetre rounds v to the nearest metre, clamped to ±maxProjected; NaN
// gives 0. Float-to-int conversion of out-of-range values differs between
// platforms, so it never happens here.
func roundMetre(v float64) int32 {
	switch {
	case v != v:
		return 0
	case v > maxProjected:
		return maxProjected
	case v < -maxProjected:
		return -maxProjected
	}
	return int32(math.Round(v))
}

// Project maps a longitude and latitude in degrees to a point on the map:
// EPSG:3035 metres rounded to the nearest metre, moved into an inset frame
// when the point lies in the area an inset shows (the Canaries, Madeira and
// the Azores; see Inset). Non-finite input gives Point{}, which is outside
// every state.
//
// Project uses floating-point trigonometry: on rare inputs the result can
// differ by a metre between platforms. Use it for the page, not inside a
// deterministic simulation.
func Project(lonDeg, latDeg float64) Point {
	if math.IsNaN(lonDeg) || math.IsNaN(latDeg) || math.IsInf(lonDeg, 0) || math.IsInf(latDeg, 0) {
		return Point{}
	}
	e, n := LAEA(lonDeg, latDeg)
	p := Point{roundMetre(e), roundMetre(n)}
	for _, in := range Load().Insets {
		if in.Source().Contains(p) {
			return Point{p.X + in.Shift.X, p.Y + in.Shift.Y}
		}
	}
	return p
}

// Unproject is the inverse of Project: a point inside an inset frame is first
// moved back by the inset's shift. Project followed by Unproject returns the
// input to within a metre (the rounding of Project), except for points whose
// true position falls inside an inset frame (in North Africa and the
// Atlantic, never in a member state).
func Unproject(p Point) (lonDeg, latDeg float64) {
	for _, in := range Load().Insets {
		if in.Frame.Contains(p) {
			p = Point{p.X - in.Shift.X, p.Y - in.Shift.Y}
			break
		}
	}
	return InverseLAEA(float64(p.X), float64(p.Y))
}
