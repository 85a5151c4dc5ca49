package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

const (
	beginMarker = "<!-- bench:begin -->"
	endMarker   = "<!-- bench:end -->"
)

// machine describes where the run happened: cores, memory and CPU model.
func machine() string {
	model, mem := "unknown CPU", "unknown memory"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	return fmt.Sprintf("%d cores (nproc), %s, %s", runtime.NumCPU(), mem, model)
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// render is the Markdown table of a run, with its settings, the machine and the ratios.
func render(cfg config, ws []workload, results []result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run %s on %s; BENCH_CUSTOMERS=%d BENCH_DURATION=%d BENCH_ROUNDS=%d, c=%d and c=1.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), cfg.customers, int(cfg.duration.Seconds()),
		cfg.rounds, cfg.concurrency)
	fmt.Fprintf(&b, "| workload | system | req/s (c=%d) | p50 ms | p99 ms | p50 ms c=1 | statements/req | server CPU ms/req | PostgreSQL CPU ms/req | peak RSS MB | errors |\n", cfg.concurrency)
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	by := map[string]result{}
	for _, r := range results {
		by[r.Workload+" "+r.System] = r
		fmt.Fprintf(&b, "| %s | %s | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %d |\n", r.Workload, r.System,
			r.RequestsPerSecond, r.P50ms, r.P99ms, r.P50c1ms, r.StatementsPerRequest, r.ServerCPUmsPerRequest,
			r.PostgresCPUmsPerRequest, r.RSSmb, r.Errors)
	}
	b.WriteString("\n| workload | ratio | req/s | p50 c=1 | p99 c=32 |\n|---|---|---:|---:|---:|\n")
	line := func(w, name, a, c string) {
		x, okx := by[w+" "+a]
		y, oky := by[w+" "+c]
		if okx && oky {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", w, name, ratio(x.RequestsPerSecond, y.RequestsPerSecond),
				ratio(x.P50c1ms, y.P50c1ms), ratio(x.P99ms, y.P99ms))
		}
	}
	for _, w := range ws {
		line(w.name, "ovgraph / PostGraphile", "ovgraph", "postgraphile")
		line(w.name, "ovgraph / raw", "ovgraph", "raw")
		line(w.name, "REST / GraphQL (ovgraph)", "ovgraph-rest", "ovgraph")
	}
	return b.String()
}

// intoReadme replaces what lies between the markers of the README with the table.
func intoReadme(path, table string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, beginMarker), strings.Index(s, endMarker)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s ... %s", path, beginMarker, endMarker)
	}
	s = s[:i+len(beginMarker)] + "\n" + table + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
