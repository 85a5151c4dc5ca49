// Command driver is make bench's load driver (bench/run.sh starts everything it measures). It
// checks that every system answers each workload with the same data, then drives each system with
// a closed loop of a fixed number of connections for a fixed time, alternating systems, for several
// rounds, and reports requests/s, latencies, SQL statements, CPU and peak memory per request.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

type config struct {
	endpoints
	pids        map[string]int // system -> server pid (ovgraph-rest shares ovgraph's)
	databaseURL string
	pgdata      string
	duration    time.Duration
	rounds      int
	concurrency int
	results     string
	readme      string
	workloads   string // comma-separated subset to run; empty: all
}

// run is the outcome of one timed run of one system.
type run struct {
	requests, errors int
	seconds          float64
	latencies        []time.Duration
	statements       int64
	serverTicks      int64
	postgresTicks    int64
}

func (r *run) add(o run) {
	r.requests += o.requests
	r.errors += o.errors
	r.seconds += o.seconds
	r.latencies = append(r.latencies, o.latencies...)
	r.statements += o.statements
	r.serverTicks += o.serverTicks
	r.postgresTicks += o.postgresTicks
}

// load drives t with c connections, each sending its next request as soon as the previous answer
// is read, for d; latencies are those of successful requests.
func load(t target, c int, d time.Duration) run {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxConnsPerHost: c},
		Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	var next atomic.Int64
	var mu sync.Mutex
	var out run
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			errs := 0
			for time.Now().Before(deadline) {
				i := int(next.Add(1))
				req, err := t.request(i)
				if err != nil {
					errs++
					continue
				}
				began := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					errs++
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					errs++
					continue
				}
				lat = append(lat, time.Since(began))
			}
			mu.Lock()
			out.latencies = append(out.latencies, lat...)
			out.errors += errs
			mu.Unlock()
		}()
	}
	wg.Wait()
	out.seconds = time.Since(start).Seconds()
	out.requests = len(out.latencies)
	return out
}

// ticks is a process's CPU time (user + system, all threads) in clock ticks (100 per second).
func ticks(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return u + st
}

// postgresTicks sums the CPU time of the cluster's processes: the postmaster's children (backends
// and background workers). A backend that exits between two readings takes its time with it; the
// servers' pools keep theirs open.
func postgresTicks(postmaster int) int64 {
	entries, _ := os.ReadDir("/proc")
	var sum int64
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		s := string(b)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
		if ppid, _ := strconv.Atoi(f[1]); ppid == postmaster || pid == postmaster {
			u, _ := strconv.ParseInt(f[11], 10, 64)
			st, _ := strconv.ParseInt(f[12], 10, 64)
			sum += u + st
		}
	}
	return sum
}

// peakRSS is a process's VmHWM in MB.
func peakRSS(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

const statementsSQL = `SELECT coalesce(sum(calls), 0)::bigint FROM bench_stats.pg_stat_statements
WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND query NOT LIKE '%pg_stat_statements%'`

func percentile(l []time.Duration, p float64) float64 {
	if len(l) == 0 {
		return 0
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	i := int(p * float64(len(l)-1))
	return float64(l[i]) / float64(time.Millisecond)
}

// result is one line of bench/results.json.
type result struct {
	Workload                 string  `json:"workload"`
	System                   string  `json:"system"`
	RequestsPerSecond        float64 `json:"requests_per_second"`
	P50ms                    float64 `json:"p50_ms"`
	P99ms                    float64 `json:"p99_ms"`
	P50c1ms                  float64 `json:"p50_c1_ms"`
	StatementsPerRequest     float64 `json:"statements_per_request"`
	ServerCPUmsPerRequest    float64 `json:"server_cpu_ms_per_request"`
	PostgresCPUmsPerRequest  float64 `json:"postgres_cpu_ms_per_request"`
	RSSmb                    float64 `json:"rss_mb"`
	Errors                   int     `json:"errors"`
	requests, requestsSingle int
}

func main() {
	var cfg config
	var pids string
	flag.StringVar(&cfg.ovgraph, "ovgraph", "", "ovgraph's base URL")
	flag.StringVar(&cfg.token, "token", "", "touchpoint token for ovgraph")
	flag.StringVar(&cfg.postgraphile, "postgraphile", "", "PostGraphile's base URL")
	flag.StringVar(&cfg.raw, "raw", "", "the raw-SQL server's base URL")
	flag.StringVar(&cfg.repo, "repo", ".", "repository root (for the REST shim's documents)")
	flag.IntVar(&cfg.customers, "customers", 10000, "profiles in the dataset")
	flag.StringVar(&pids, "pids", "", "server pids: ovgraph=N,postgraphile=N,raw=N")
	flag.StringVar(&cfg.databaseURL, "database-url", "", "the benchmark database (pg_stat_statements)")
	flag.StringVar(&cfg.pgdata, "pgdata", "", "the cluster's data folder (postmaster.pid)")
	flag.DurationVar(&cfg.duration, "duration", 10*time.Second, "time per run")
	flag.IntVar(&cfg.rounds, "rounds", 3, "rounds over every workload and system")
	flag.IntVar(&cfg.concurrency, "concurrency", 32, "connections of the loaded runs")
	flag.StringVar(&cfg.results, "results", "bench/results.json", "results file")
	flag.StringVar(&cfg.readme, "readme", "README.md", "README to write the table into (empty: none)")
	flag.StringVar(&cfg.workloads, "workloads", "", "comma-separated workloads to run (W1,...; empty: all); a subset leaves the README alone")
	flag.Parse()
	cfg.pids = map[string]int{}
	for _, kv := range strings.Split(pids, ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.Atoi(v)
		if err != nil {
			log.Fatalf("bad -pids %q", pids)
		}
		cfg.pids[k] = n
	}
	cfg.pids["ovgraph-rest"] = cfg.pids["ovgraph"]
	pidfile, err := os.ReadFile(cfg.pgdata + "/postmaster.pid")
	if err != nil {
		log.Fatal(err)
	}
	postmaster, _ := strconv.Atoi(strings.SplitN(string(pidfile), "\n", 2)[0])
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, cfg.databaseURL)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close(ctx)
	statements := func() int64 {
		var n int64
		if err := conn.QueryRow(ctx, statementsSQL).Scan(&n); err != nil {
			log.Fatal(err)
		}
		return n
	}

	ws, err := workloads(cfg.endpoints)
	if err != nil {
		log.Fatal(err)
	}
	partial := false
	if cfg.workloads != "" {
		all := len(ws)
		if ws, err = pick(ws, cfg.workloads); err != nil {
			log.Fatal(err)
		}
		partial = len(ws) < all
	}
	client := &http.Client{Timeout: 30 * time.Second}
	for _, w := range ws {
		if err := check(client, w, 3); err != nil {
			log.Fatalf("the systems disagree, nothing timed: %v", err)
		}
		fmt.Printf("%s: every system gives the same data\n", w.name)
	}

	loaded := map[string]*run{}
	single := map[string]*run{}
	key := func(w workload, t target) string { return w.name + " " + t.system }
	for round := range cfg.rounds {
		for _, w := range ws {
			// Alternate: each round starts with the next system.
			for k := range w.targets {
				t := w.targets[(k+round)%len(w.targets)]
				pid := cfg.pids[strings.TrimSuffix(t.system, "-rest")]
				load(t, cfg.concurrency, time.Second) // warm-up, not counted
				s0, c0, p0 := statements(), ticks(pid), postgresTicks(postmaster)
				r := load(t, cfg.concurrency, cfg.duration)
				r.statements, r.serverTicks, r.postgresTicks = statements()-s0, ticks(pid)-c0, postgresTicks(postmaster)-p0
				one := load(t, 1, cfg.duration/2)
				if loaded[key(w, t)] == nil {
					loaded[key(w, t)], single[key(w, t)] = &run{}, &run{}
				}
				loaded[key(w, t)].add(r)
				single[key(w, t)].add(one)
				fmt.Printf("round %d %s %-13s %8.1f req/s  c=1 p50 %.2f ms  errors %d\n", round+1, w.name, t.system,
					float64(r.requests)/r.seconds, percentile(one.latencies, 0.5), r.errors+one.errors)
			}
		}
	}

	var results []result
	for _, w := range ws {
		for _, t := range w.targets {
			r, one := loaded[key(w, t)], single[key(w, t)]
			n := float64(max(r.requests, 1))
			results = append(results, result{
				Workload: w.name, System: t.system,
				RequestsPerSecond:       float64(r.requests) / r.seconds,
				P50ms:                   percentile(r.latencies, 0.5),
				P99ms:                   percentile(r.latencies, 0.99),
				P50c1ms:                 percentile(one.latencies, 0.5),
				StatementsPerRequest:    float64(r.statements) / n,
				ServerCPUmsPerRequest:   float64(r.serverTicks) * 10 / n,
				PostgresCPUmsPerRequest: float64(r.postgresTicks) * 10 / n,
				RSSmb:                   peakRSS(cfg.pids[strings.TrimSuffix(t.system, "-rest")]),
				Errors:                  r.errors + one.errors,
			})
		}
	}
	b, _ := json.MarshalIndent(results, "", "  ")
	if err := os.WriteFile(cfg.results, append(b, '\n'), 0o644); err != nil {
		log.Fatal(err)
	}
	table := render(cfg, ws, results)
	fmt.Print("\n" + table)
	if cfg.readme != "" && partial {
		fmt.Printf("\n%s left alone: a run of some workloads (%s) does not replace the table of all\n", cfg.readme, cfg.workloads)
	} else if cfg.readme != "" {
		if err := intoReadme(cfg.readme, table); err != nil {
			log.Fatal(err)
		}
	}
}

// pick keeps the workloads named in list (comma-separated, in the order of ws).
func pick(ws []workload, list string) ([]workload, error) {
	want := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		want[strings.ToUpper(strings.TrimSpace(name))] = true
	}
	var out []workload
	for _, w := range ws {
		if want[w.name] {
			out = append(out, w)
			delete(want, w.name)
		}
	}
	if len(want) > 0 {
		var unknown []string
		for name := range want {
			unknown = append(unknown, name)
		}
		sort.Strings(unknown)
		return nil, fmt.Errorf("no such workloads: %s", strings.Join(unknown, ", "))
	}
	return out, nil
}
