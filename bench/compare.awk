# Joins two summary.tsv files of bench/run (A, then B) into one Markdown table; used by
# bench/compare. Columns of a summary: workload label c per_second p50_ms p99_ms
# proxy_cpu_us_req proxy_cpu_us_event errors ("-" where there is no figure).
FNR == 1 { side = (FILENAME == ARGV[1]) ? "a" : "b"; next }
{
  k = $1 SUBSEP $3
  if (!(k in label)) { order[++n] = k; label[k] = $2; conc[k] = $3 }
  v[side, k, "rps"] = $4; v[side, k, "p50"] = $5; v[side, k, "p99"] = $6
  v[side, k, "cpu"] = $7; v[side, k, "evt"] = $8; v[side, k, "err"] = $9
}
function get(s, k, f) { return ((s, k, f) in v) ? v[s, k, f] : "-" }
function delta(a, b) {
  if (a == "-" || b == "-" || a + 0 == 0) return "–"
  return sprintf("%+.0f %%", 100 * (b - a) / a)
}
END {
  print "| workload | c | req/s A | req/s B | p50 ms A | p50 ms B | p99 ms A | p99 ms B | CPU µs/req A | CPU µs/req B | Δ CPU/req | CPU µs/event A | CPU µs/event B | errors A / B |"
  print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for (i = 1; i <= n; i++) {
    k = order[i]
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |\n", \
      label[k], conc[k], get("a", k, "rps"), get("b", k, "rps"), get("a", k, "p50"), \
      get("b", k, "p50"), get("a", k, "p99"), get("b", k, "p99"), get("a", k, "cpu"), \
      get("b", k, "cpu"), delta(get("a", k, "cpu"), get("b", k, "cpu")), get("a", k, "evt"), \
      get("b", k, "evt"), get("a", k, "err"), get("b", k, "err")
  }
  if (n == 0) print "| (no cells: see the reports below) | | | | | | | | | | | | | |"
}
