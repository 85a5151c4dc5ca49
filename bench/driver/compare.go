package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// at follows a dotted path through decoded JSON.
func at(v any, path string) any {
	for _, key := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[key]
	}
	return v
}

// text renders a compared value so that 7, "7" and json.Number("7") agree (PostGraphile gives
// bigint columns as strings, ovgraph as numbers).
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return v
	case json.Number:
		return v.String()
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// canonical reduces an answer to what the harness compares: per customer number, the compared
// scalars and, per child list, the sorted tuples of its compared values.
func canonical(body []byte, s shape) (map[string]map[string]string, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if errs := at(doc, "errors"); errs != nil {
		return nil, fmt.Errorf("errors in the answer: %s", text(errs))
	}
	var profiles []any
	if s.single {
		p := at(doc, s.profiles)
		if p == nil {
			return nil, fmt.Errorf("no profile at %s", s.profiles)
		}
		profiles = []any{p}
	} else {
		l, ok := at(doc, s.profiles).([]any)
		if !ok {
			return nil, fmt.Errorf("no list at %s", s.profiles)
		}
		profiles = l
	}
	out := map[string]map[string]string{}
	for _, p := range profiles {
		c := map[string]string{}
		for name, path := range s.fields {
			c[name] = text(at(p, path))
		}
		for name, l := range s.lists {
			elems, err := elements(p, l.path)
			if err != nil {
				return nil, err
			}
			var tuples []string
			for _, e := range elems {
				var parts []string
				for _, v := range l.values {
					parts = append(parts, text(at(e, v)))
				}
				tuples = append(tuples, strings.Join(parts, "/"))
			}
			if !l.ordered {
				sort.Strings(tuples)
			}
			c[name] = fmt.Sprintf("%d[%s]", len(tuples), strings.Join(tuples, " "))
		}
		out[text(at(p, s.number))] = c
	}
	return out, nil
}

// elements is the list at path in v. A path with ">" steps through nested lists: the elements of
// "a.nodes>b" are the b lists of every element of a.nodes, one after the other.
func elements(v any, path string) ([]any, error) {
	steps := strings.Split(path, ">")
	elems := []any{v}
	for _, step := range steps {
		var next []any
		for _, e := range elems {
			l, ok := at(e, step).([]any)
			if !ok {
				return nil, fmt.Errorf("no list at %s", path)
			}
			next = append(next, l...)
		}
		elems = next
	}
	return elems, nil
}

func fetch(client *http.Client, t target, i int) ([]byte, error) {
	req, err := t.request(i)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %.300s", resp.StatusCode, body)
	}
	return body, nil
}

// check asks every system of w for the same requests (the first few of the sequence) and fails
// when any answer differs from the first system's in what canonical compares.
func check(client *http.Client, w workload, samples int) error {
	for i := 0; i < samples; i++ {
		var want map[string]map[string]string
		for n, t := range w.targets {
			body, err := fetch(client, t, i)
			if err != nil {
				return fmt.Errorf("%s %s: %w", w.name, t.system, err)
			}
			got, err := canonical(body, t.shape)
			if err != nil {
				return fmt.Errorf("%s %s: %w", w.name, t.system, err)
			}
			if len(got) == 0 {
				return fmt.Errorf("%s %s: no profiles in the answer", w.name, t.system)
			}
			if n == 0 {
				want = got
				continue
			}
			if diff := differ(want, got); diff != "" {
				return fmt.Errorf("%s: %s differs from %s: %s", w.name, t.system, w.targets[0].system, diff)
			}
		}
	}
	return nil
}

func differ(want, got map[string]map[string]string) string {
	if len(want) != len(got) {
		return fmt.Sprintf("%d profiles, want %d", len(got), len(want))
	}
	for number, w := range want {
		g, ok := got[number]
		if !ok {
			return fmt.Sprintf("customer %s missing", number)
		}
		for k, v := range w {
			if g[k] != v {
				return fmt.Sprintf("customer %s %s: %q, want %q", number, k, g[k], v)
			}
		}
	}
	return ""
}
