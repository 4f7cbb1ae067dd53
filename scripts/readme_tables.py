#!/usr/bin/env python3
"""Builds the README's result tables from results/<config>/ (NetMoE's committed reference results).

Each table in README.md sits between `<!-- results: NAME -->` and `<!-- /results -->`; NAME picks a
renderer below, which reads only files under results/.

  python3 scripts/readme_tables.py --write   rewrite every table in README.md
  python3 scripts/readme_tables.py --check   exit 1 naming each table that differs (CI runs this)
"""
import csv
import decimal
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "results"
BLOCK = re.compile(r"(<!-- results: ([a-z0-9-]+) -->\n)(.*?)(<!-- /results -->)", re.S)


def rows(config, name):
    with open(RESULTS / config / name, newline="") as f:
        return list(csv.DictReader(f))


def table(header, body):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in body]
    return "\n".join(lines) + "\n"


def fixed(x, places):
    """x rounded half-up to `places` decimals from its CSV text, as Java's summaries print it."""
    q = decimal.Decimal(1).scaleb(-places)
    return str(decimal.Decimal(x).quantize(q, rounding=decimal.ROUND_HALF_UP))


def f3(x):
    return fixed(x, 3)


def maze_fig5():
    tasks = ["goal+trap", "goal+prize", "goal+prize+trap"]
    def pivot(rs, key, label):
        out, seen = [], []
        for r in rs:
            if r[key] not in seen:
                seen.append(r[key])
        for g in seen:
            rate = {r["task"]: f3(r["success_rate"]) for r in rs if r[key] == g}
            out.append([label(g)] + [rate.get(t, "–") for t in tasks])
        return out
    gates = rows("maze-fig5", "results.csv")
    body = pivot(gates, "gate", lambda g: g)
    if not any(r["gate"] == "llm" for r in gates):
        body.append(["llm", "absent (no endpoint)", "", ""])
    body += pivot(rows("maze-fig5", "experts.csv"), "expert", lambda e: f"expert {e} alone")
    return table(["gate"] + tasks, body)


def nsp_fig6():
    cost = {r["method"]: r for r in rows("nsp-fig6", "cost.csv")}
    body = []
    for r in rows("nsp-fig6", "results.csv"):
        c = cost.get(r["method"])
        steps = f"{int(c['training_env_steps']):,}".replace(",", " ") if c else "–"
        secs = f"{float(c['training_seconds']):.1f}" if c else "–"
        body.append([r["method"], fixed(r['mean_utility'], 4), fixed(r['mean_regret'], 4),
                     f3(r["optimal_fraction"]), steps, secs])
    shared = cost.get("experts (shared)")
    if shared:
        body.append(["(the two QoS experts, shared)", "", "", "",
                     f"{int(shared['training_env_steps']):,}".replace(",", " "),
                     f"{float(shared['training_seconds']):.1f}"])
    return table(["method", "mean utility", "mean regret", "optimal fraction", "training env steps",
                  "training s"], body)


# The paper's Fig. 5 values (moe-generative-ai-mobile-edge), for comparison only.
EDGE_PAPER = {"sac": ("41.1", "42.6"), "random": ("39.6", "40.5"), "benchmark": ("39.8", "39.5"),
              "upper-bound": ("43.6", "43.6")}


def edge_fig4():
    body = [[r["method"], f3(r["mean_reward"]), f3(r["final_reward"]), *EDGE_PAPER.get(r["method"], ("–", "–"))]
            for r in rows("edge-fig4", "results.csv")]
    return table(["method", "mean reward", "final reward", "paper mean", "paper final"], body)


def dmoe_table1():
    body = [[r["method"], f3(r["gamma0"]) if r["gamma0"] else "–", r["max_experts"], f3(r["energy_rel_top2"]),
             f3(r["mean_relevance"])] for r in rows("dmoe-table1", "table1.csv")]
    return table(["method", "gamma0", "max_experts", "energy_rel_top2", "mean_relevance"], body)


def dmoe_energy():
    layers = ["1", "4", "8", "16", "24", "32"]
    data, methods = {}, []
    for r in rows("dmoe-table1", "energy-per-layer.csv"):
        if r["method"] not in methods:
            methods.append(r["method"])
        data[(r["method"], r["layer"])] = fixed(decimal.Decimal(r['energy_per_token_j']) * 1000, 2)
    body = [[m] + [data.get((m, l), "–") for l in layers] for m in methods]
    return table(["method"] + [f"l = {l}" for l in layers], body)


def dmoe_tradeoff():
    body = [[r["method"], r["parameter"] or "–", f3(r["energy_rel_top2"]), f3(r["mean_relevance"])]
            for r in rows("dmoe-table1", "tradeoff.csv")]
    return table(["method", "γ0 or z", "energy_rel_top2", "mean_relevance"], body)


def dmoe_selector():
    body = [[r["policy"], f3(r["energy_rel_des"]), f3(r["constraint_met"]), f3(r["matches_des"]),
             f3(r["mean_relevance"])] for r in rows("dmoe-table1", "selector.csv")]
    return table(["policy", "energy_rel_des", "constraint_met", "matches_des", "mean_relevance"], body)


def summary_table(config):
    """The architecture table of a multibs summary.md: header and rows."""
    lines = (RESULTS / config / "summary.md").read_text().splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("| architecture |"))
    body = []
    for l in lines[start + 2:]:
        if not l.startswith("|"):
            break
        body.append([c.strip() for c in l.strip("|").split("|")])
    return [c.strip() for c in lines[start].strip("|").split("|")], body


def multibs_fig12():
    header, body = summary_table("multibs-fig12")
    return table(header, body)


def sweep_metrics(config):
    """Per configuration of a sweep's summary.md: metric -> (mean, ci95 half width) as Decimals."""
    out, section = {}, None
    for line in (RESULTS / config / "summary.md").read_text().splitlines():
        if line.startswith("## "):
            section = out.setdefault(line[3:], {})
        elif section is not None and line.startswith("| "):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if len(cells) != 6 or not cells[1].isdigit():
                continue  # not a row of the metric table (metric, n, mean, ci95, min, max)
            section[cells[0]] = (decimal.Decimal(cells[2]), decimal.Decimal(cells[3]) if cells[3] != "NaN" else None)
    return out


def interval(mean, half, rate):
    """The 95 % interval mean ± half, clipped to [0, 1] for a rate."""
    lo, hi = mean - half, mean + half
    if rate:
        lo, hi = max(lo, decimal.Decimal(0)), min(hi, decimal.Decimal(1))
    return lo, hi


def cell_ci(m, rate):
    mean, half = m
    if half is None:
        return f3(mean)
    lo, hi = interval(mean, half, rate)
    return f"{f3(mean)} [{f3(lo)}, {f3(hi)}]"


MAZE_TASKS = ["goal+trap", "goal+prize", "goal+prize+trap"]
MAZE_GATES = ["uniform", "fixed", "plan", "network", "oracle"]


def maze_sweep_pivot(value, rate):
    m = sweep_metrics("maze-sweep")["combiner.rule=product"]
    return table(["gate / task"] + MAZE_TASKS, [[g] + [cell_ci(m[f"{g}/{t}/{value}"], rate) for t in MAZE_TASKS]
                                                for g in MAZE_GATES if f"{g}/goal+trap/{value}" in m])


def maze_sweep():
    """Success rate per gate and task, product rule: mean [95 % CI clipped to 0..1] over the sweep's seeds."""
    return maze_sweep_pivot("success_rate", True)


def maze_steps():
    """Mean steps of successful episodes per gate and task, product rule: mean [95 % CI] over seeds."""
    return maze_sweep_pivot("mean_steps", False)


def maze_combiner():
    """product vs mixture per gate and task: success mean [95 % CI], and whether the intervals overlap."""
    s = sweep_metrics("maze-sweep")
    prod, mix = s["combiner.rule=product"], s["combiner.rule=mixture"]
    body = []
    for g in MAZE_GATES:
        for t in MAZE_TASKS:
            k = f"{g}/{t}/success_rate"
            if k not in prod or k not in mix:
                continue
            a, b = interval(*prod[k], True), interval(*mix[k], True)
            overlap = "yes" if a[0] <= b[1] and b[0] <= a[1] else "no"
            body.append([g, t, cell_ci(prod[k], True), cell_ci(mix[k], True), overlap])
    return table(["gate", "task", "product", "mixture", "intervals overlap"], body)


def edge_sweep():
    """Each method's mean and final reward: mean [95 % CI] over the sweep's seeds, with the paper's values."""
    m = sweep_metrics("edge-sweep")["base"]
    methods = [k.split("/")[0] for k in m if k.endswith("/mean_reward")]
    body = [[x, cell_ci(m[f"{x}/mean_reward"], False), cell_ci(m[f"{x}/final_reward"], False),
             *EDGE_PAPER.get(x, ("–", "–"))] for x in methods]
    return table(["method", "mean reward", "final reward", "paper mean", "paper final"], body)


def nsp_sweep():
    """Every method's utility, regret and optimal fraction (mean ± 95 % CI half width over seeds) of the sweep's summary.md."""
    lines = (RESULTS / "nsp-sweep" / "summary.md").read_text().splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("| metric | n | mean | ci95 |"))
    stats, order = {}, []
    for l in lines[start + 2:]:
        if not l.startswith("|"):
            break
        metric, n, mean, ci = [c.strip() for c in l.strip("|").split("|")][:4]
        method, value = metric.rsplit("/", 1)
        if method not in stats:
            order.append(method)
            stats[method] = {}
        places = 3 if value == "optimal_fraction" else 4
        stats[method][value] = f"{fixed(mean, places)} ± {fixed(ci, places)}"
        stats[method]["n"] = n
    values = ["mean_utility", "mean_regret", "optimal_fraction"]
    return table(["method", "mean utility", "mean regret", "optimal fraction", "seeds"],
                 [[m] + [stats[m].get(v, "–") for v in values] + [stats[m]["n"]] for m in order])


def dmoe_sweep():
    """Table I analogue over seeds: each row's energy and relevance as mean ± 95 % CI half width (summary.md)."""
    lines = (RESULTS / "dmoe-sweep" / "summary.md").read_text().splitlines()
    cells, order, n = {}, [], ""
    for l in lines:
        c = [x.strip() for x in l.strip("|").split("|")]
        if not l.startswith("|") or len(c) != 6 or c[0] in ("metric", "---"):
            continue
        method, gamma0, d, value = c[0].rsplit("/", 3)
        key = (method, gamma0, d)
        if key not in cells:
            order.append(key)
            cells[key] = {}
        cells[key][value] = f"{fixed(c[2], 3)} ± {fixed(c[3], 3)}"
        n = c[1]
    body = [[m, f3(g) if g else "–", d, cells[(m, g, d)]["energy_rel_top2"], cells[(m, g, d)]["mean_relevance"]]
            for m, g, d in order]
    return table(["method", "gamma0", "max_experts", f"energy_rel_top2 (n = {n} seeds)", "mean_relevance"], body)


def dmoe_fig7_sweep():
    """Energy per token (mJ) by layer over seeds: mean ± 95 % CI half width (the summary prints joules to 4 places)."""
    m = sweep_metrics("dmoe-fig7-sweep")["base"]
    layers, methods = ["1", "4", "8", "16", "24", "32"], []
    for k in m:
        method = k.split("/")[1]
        if method not in methods:
            methods.append(method)

    def cell(method, layer):
        v = m.get(f"{layer}/{method}")  # one value column: the sweep names the metric by its keys alone
        if v is None:
            return "–"
        mean, half = (x * 1000 for x in v)
        return f"{fixed(mean, 1)} ± {fixed(half, 1)}"
    return table(["method"] + [f"l = {l}" for l in layers], [[x] + [cell(x, l) for l in layers] for x in methods])


def dmoe_fig10_sweep():
    """Energy vs relevance over seeds: each curve point's mean ± 95 % CI half width."""
    m = sweep_metrics("dmoe-fig10-sweep")["base"]
    points = []
    for k in m:
        method, parameter, _ = k.split("/")
        if (method, parameter) not in points:
            points.append((method, parameter))
    body = [[x, p or "–"] + [f"{fixed(m[f'{x}/{p}/{v}'][0], 3)} ± {fixed(m[f'{x}/{p}/{v}'][1], 3)}"
                      for v in ("energy_rel_top2", "mean_relevance")] for x, p in points]
    return table(["method", "γ0 or z", "energy_rel_top2 (n = 5 seeds)", "mean_relevance"], body)


def maze_llm_eval():
    """K sampled plans per LLM and prompt style (SmolLM2 run) beside the frozen gates and the 5-seed network gate."""
    tasks = ["goal+trap", "goal+prize", "goal+prize+trap"]
    llm = [dict(r, model="SmolLM2-135M") for r in rows("maze-llm-eval-smollm2", "results.csv")]
    if (RESULTS / "maze-llm-eval-gemma3-270m").is_dir():
        llm += [dict(r, model="Gemma 3 270M") for r in rows("maze-llm-eval-gemma3-270m", "results.csv")
                if r["method"] == "llm"]
    net = [r for r in rows("maze-llm-eval", "results.csv") if r["method"] == "network"]

    def cell(r):
        if int(r["plans"]) == 1:
            return f3(r["mean_success"])
        solved = f"solved {fixed(decimal.Decimal(r['solved_fraction']) * 100, 0)} %"
        if r["method"] == "network":
            return (f"{f3(r['mean_success'])} ± {f3(r['sd_success'])} [{f3(r['ci95_low'])}, {f3(r['ci95_high'])}], "
                    + solved)
        return f"{f3(r['mean_success'])} ± {f3(r['sd_success'])}, " + solved

    def label(r):
        if r["method"] == "llm":
            return f"llm {r['model']}, {r['style']} prompt (K = {r['plans']})"
        if r["method"] == "network":
            return f"network, {r['plans']} seeds × 120 000 steps"
        return r["method"]

    order, cells = [], {}
    for r in llm + net:
        key = (r["method"], r["style"], r.get("model", ""))
        if key not in cells:
            order.append(key)
            cells[key] = [label(r), {}]
        cells[key][1][r["task"]] = cell(r)
    return table(["method"] + tasks, [[cells[k][0]] + [cells[k][1].get(t, "–") for t in tasks] for k in order])


def maze_llm_steps():
    """Mean steps of successful episodes: per LLM and prompt style over its K plans, the network gate over its
    seeds (mean [95 % CI]), the frozen gates on the same episodes."""
    llm = [dict(r, model="SmolLM2-135M") for r in rows("maze-llm-eval-smollm2", "results.csv") if r["method"] == "llm"]
    if (RESULTS / "maze-llm-eval-gemma3-270m").is_dir():
        llm += [dict(r, model="Gemma 3 270M") for r in rows("maze-llm-eval-gemma3-270m", "results.csv")
                if r["method"] == "llm"]
    base = [r for r in rows("maze-llm-eval", "results.csv") if r["method"] in ("uniform", "plan", "oracle", "network")]
    order, cells = [], {}
    for r in base + llm:
        label = (f"llm {r['model']}, {r['style']} prompt" if r["method"] == "llm"
                 else f"network, {r['plans']} seeds" if r["method"] == "network" else r["method"])
        if label not in cells:
            order.append(label)
            cells[label] = {}
        if not r["mean_steps"] or r["mean_steps"] == "NaN":
            cells[label][r["task"]] = "– (no success)"
        elif r["steps_ci95_low"] in ("", "NaN"):
            cells[label][r["task"]] = f3(r["mean_steps"])
        else:
            cells[label][r["task"]] = f"{f3(r['mean_steps'])} [{f3(r['steps_ci95_low'])}, {f3(r['steps_ci95_high'])}]"
    return table(["method"] + MAZE_TASKS, [[k] + [cells[k].get(t, "–") for t in MAZE_TASKS] for k in order])


RENDERERS = {"maze-fig5": maze_fig5, "nsp-fig6": nsp_fig6, "edge-fig4": edge_fig4, "dmoe-table1": dmoe_table1,
             "dmoe-energy": dmoe_energy, "dmoe-tradeoff": dmoe_tradeoff, "dmoe-selector": dmoe_selector,
             "multibs-fig12": multibs_fig12, "maze-sweep": maze_sweep, "maze-steps": maze_steps,
             "maze-combiner": maze_combiner, "edge-sweep": edge_sweep, "dmoe-sweep": dmoe_sweep, "dmoe-fig7-sweep": dmoe_fig7_sweep,
             "dmoe-fig10-sweep": dmoe_fig10_sweep, "nsp-sweep": nsp_sweep,
             "maze-llm-eval": maze_llm_eval, "maze-llm-steps": maze_llm_steps}


def main(argv):
    if argv not in (["--write"], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    readme = ROOT / "README.md"
    text = readme.read_text()
    stale = []
    missing = []

    def render(m):
        name = m.group(2)
        if name not in RENDERERS:
            raise SystemExit(f"readme_tables: README.md names an unknown table '{name}'")
        try:
            new = RENDERERS[name]()
        except FileNotFoundError as e:
            missing.append(f"{name} ({e.filename})")
            return m.group(0)
        if new != m.group(3):
            stale.append(name)
        return m.group(1) + new + m.group(4)

    updated = BLOCK.sub(render, text)
    if missing:
        print("readme_tables: no results for " + ", ".join(missing), file=sys.stderr)
        if argv == ["--check"]:
            return 1
    if argv == ["--write"]:
        readme.write_text(updated)
        print(f"readme_tables: {len(stale)} table(s) rewritten" + (f": {', '.join(stale)}" if stale else ""))
        return 0
    if stale:
        print("readme_tables: README tables differ from results/: " + ", ".join(stale)
              + " (run python3 scripts/readme_tables.py --write)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
