// The map's projection, Equal Earth (Šavrič, Patterson, Jenny 2018), and GeoJSON to SVG paths.

export const WIDTH = 1000;
export const SOUTH = -57; // crop the map just below Tierra del Fuego
export const NORTH = 84;
// Equal-area, so the shrinking is not exaggerated at the poles.
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
function equalEarth(lon, lat) {
  const lambda = (lon * Math.PI) / 180;
  const phi = (lat * Math.PI) / 180;
  const l = Math.asin(M * Math.sin(phi));
  const l2 = l * l, l6 = l2 * l2 * l2;
  const x = (lambda * Math.cos(l)) / (M * (A1 + 3 * A2 * l2 + l6 * (7 * A3 + 9 * A4 * l2)));
  const y = l * (A1 + A2 * l2 + l6 * (A3 + A4 * l2));
  return [x, y];
}
const X_MAX = equalEarth(180, 0)[0];
const SCALE = (WIDTH / 2 - 4) / X_MAX;
const Y_TOP = equalEarth(0, NORTH)[1];
const Y_BOTTOM = equalEarth(0, SOUTH)[1];
export const HEIGHT = Math.ceil((Y_TOP - Y_BOTTOM) * SCALE) + 8;

export function project(lon, lat) {
  const [x, y] = equalEarth(lon, lat);
  return [WIDTH / 2 + x * SCALE, 4 + (Y_TOP - y) * SCALE];
}

function ringPath(ring) {
  let d = "";
  for (let i = 0; i < ring.length; i++) {
    const [x, y] = project(ring[i][0], ring[i][1]);
    d += (i ? "L" : "M") + x.toFixed(1) + "," + y.toFixed(1);
  }
  return d + "Z";
}

export function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((polygon) => polygon.map(ringPath).join("")).join("");
}

export function outlinePath() {
  const points = [];
  for (let lat = SOUTH; lat <= NORTH; lat += 2) points.push(project(180, lat));
  for (let lat = NORTH; lat >= SOUTH; lat -= 2) points.push(project(-180, lat));
  return "M" + points.map(([x, y]) => x.toFixed(1) + "," + y.toFixed(1)).join("L") + "Z";
}


export function graticulePaths() {
  const paths = [];
  for (let lon = -150; lon <= 150; lon += 30) {
    const pts = [];
    for (let lat = SOUTH; lat <= NORTH; lat += 3) pts.push(project(lon, lat));
    paths.push("M" + pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L"));
  }
  for (let lat = -30; lat <= 60; lat += 30) {
    const pts = [];
    for (let lon = -180; lon <= 180; lon += 5) pts.push(project(lon, lat));
    paths.push("M" + pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L"));
  }
  return paths;
}
