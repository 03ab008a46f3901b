"""Deterministic SPF policies for the cross-check against pyspf and for the
SPF-over-DNS benchmark.

    gen_spf_policies.py OUT_DIR [--seed N] [--policies N]

Writes OUT_DIR/xc.test.zone (every policy, host, MX set, include target,
macro target and explanation), the reverse zones of the client networks, and
OUT_DIR/cases.json: a list of {"ip", "sender", "helo", "policy", "records"}
(records: the TXT texts published at the policy's name).
The same seed gives the same files byte for byte.

The policies mix ip4/ip6 with CIDRs, a/mx with dual CIDRs, include chains
(some over the lookup limit, some looping), redirect, exists with macros
(%{i} %{ir} %{l} %{o} %{d2} %{h} %{v} and delimiters), ptr, exp=,
-all/~all/?all/+all, unknown modifiers, void lookups, MX sets of more than
ten names, broken records and domains with no or two records.
"""
import ipaddress
import json
import os
import random
import sys

ORIGIN = "xc.test"

V4_NETS = [ipaddress.ip_network("192.0.2.0/24"), ipaddress.ip_network("198.51.100.0/24")]
V6_NET = ipaddress.ip_network("2001:db8::/32")
LOCAL_PARTS = ["alice", "bob", "first-last", "a.b.c", "postmaster", "x+tag"]


class Zone:
    def __init__(self):
        self.lines = []
        self.reverse = {}  # origin -> lines
        self.texts = {}    # owner -> TXT texts

    def add(self, name, rtype, value, ttl=300):
        self.lines.append(f"{name:<40} {ttl} IN {rtype:<5} {value}")

    def txt(self, name, text):
        self.texts.setdefault(name, []).append(text)
        parts = [text[i:i + 255] for i in range(0, len(text), 255)] or [""]
        self.add(name, "TXT", " ".join('"%s"' % p.replace('"', '\\"') for p in parts))

    def ptr(self, ip, target):
        ip = ipaddress.ip_address(ip)
        if ip.version == 4:
            octets = str(ip).split(".")
            origin = ".".join(reversed(octets[:3])) + ".in-addr.arpa"
            label = octets[3]
        else:
            nibbles = ip.exploded.replace(":", "")
            origin = ".".join(reversed(nibbles[:8])) + ".ip6.arpa"
            label = ".".join(reversed(nibbles[8:]))
        self.reverse.setdefault(origin, []).append(f"{label:<40} 300 IN PTR   {target}.")


def rand_v4(rng):
    net = rng.choice(V4_NETS)
    return net[rng.randrange(1, 255)]


def rand_v6(rng):
    return V6_NET[rng.randrange(1, 1 << 20) * 65536 + rng.randrange(1, 16)]


def main():
    out = sys.argv[1]
    seed = 7208
    count = 300
    args = sys.argv[2:]
    while args:
        if args[0] == "--seed":
            seed = int(args[1])
        elif args[0] == "--policies":
            count = int(args[1])
        args = args[2:]
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    z = Zone()

    # Hosts with addresses; clients are drawn mostly from these.
    hosts = {}
    for k in range(40):
        addrs = [rand_v4(rng) for _ in range(rng.choice([1, 1, 2]))]
        if rng.random() < 0.4:
            addrs.append(rand_v6(rng))
        hosts[f"h{k}"] = addrs
        for a in addrs:
            z.add(f"h{k}", "AAAA" if a.version == 6 else "A", str(a))
    # MX sets: 1-3 exchanges; mx-many has eleven (permerror when evaluated);
    # mx-void points at names without addresses.
    mxsets = {}
    for k in range(12):
        names = rng.sample(sorted(hosts), rng.choice([1, 2, 3]))
        mxsets[f"mx{k}"] = names
        for pref, n in enumerate(names):
            z.add(f"mx{k}", "MX", f"{10 * (pref + 1)} {n}.{ORIGIN}.")
    for n in range(11):
        z.add("mx-many", "MX", f"{n} h{n}.{ORIGIN}.")
    z.add("mx-void", "MX", f"10 nohost.{ORIGIN}.")
    # Reverse names: validated (the host has the address), unvalidated, two names.
    clients = []
    for name, addrs in hosts.items():
        clients.extend(addrs)
    for ip in rng.sample(clients, 30):
        owner = next(h for h, a in hosts.items() if ip in a)
        z.ptr(ip, f"{owner}.{ORIGIN}")
        if rng.random() < 0.3:
            z.ptr(ip, f"h{rng.randrange(40)}.{ORIGIN}")
    for _ in range(10):
        z.ptr(rand_v4(rng), f"unvalidated{rng.randrange(5)}.{ORIGIN}")
    # Macro targets: %{ir}.ex, %{l}.u, reversed-delimited local parts, %{v}.
    for ip in rng.sample(clients, 25):
        if ip.version == 4:
            z.add(".".join(reversed(str(ip).split("."))) + ".ex", "A", "127.0.0.2")
        else:
            z.add(".".join(reversed(ip.exploded.replace(":", ""))) + ".ex", "A", "127.0.0.2")
    for lp in ["alice", "first-last"]:
        z.add(f"{lp}.u", "A", "127.0.0.2")
    z.add("last.first.u", "A", "127.0.0.2")
    z.add("in-addr.v", "A", "127.0.0.2")
    for h in ["helo1", "helo2"]:
        z.add(h, "A", str(rand_v4(rng)))
    # Explanations.
    exps = ["%{i} is not allowed to send mail for %{d}",
            "sender %{s} (local %{l}, domain %{o}) refused at %{h} over %{v}",
            "see https://%{d2}/spf?ip=%{ir}",
            "client %{c} denied for %{lr-}",
            "plain text explanation"]
    for k, e in enumerate(exps):
        z.txt(f"exp{k}", e)
    z.txt("exp-two", "first")
    z.txt("exp-two", "second")
    z.txt("exp-bad", "%{z} bad macro")
    # A delimiter before the "r" transformer: outside RFC 7208's grammar
    # (transformers come first), accepted by pyspf.
    z.txt("exp-lenient", "denied for %{l-r}")
    # Leaf include targets.
    leaves = []
    for k in range(15):
        terms = [f"ip4:{rand_v4(rng)}/{rng.choice([24, 28, 32])}" for _ in range(rng.choice([1, 2]))]
        if rng.random() < 0.3:
            terms.append(f"ip6:{rand_v6(rng)}/{rng.choice([48, 64, 128])}")
        if rng.random() < 0.3:
            terms.append(f"a:h{rng.randrange(40)}.{ORIGIN}")
        terms.append(rng.choice(["-all", "~all", "?all", "+all", ""]))
        z.txt(f"leaf{k}", " ".join(["v=spf1"] + [t for t in terms if t]))
        leaves.append(f"leaf{k}.{ORIGIN}")
    z.txt("leaf-none", "not an spf record")   # include of a name without SPF: permerror
    z.txt("leaf-broken", "v=spf1 ip4:1.2.3.4/40 -all")
    # A chain of includes, each costing one lookup: chainN leads to chain0.
    for k in range(13):
        nxt = f" include:chain{k - 1}.{ORIGIN}" if k > 0 else ""
        z.txt(f"chain{k}", f"v=spf1{nxt} ip4:203.0.113.{k + 1} -all")

    def host():
        return f"h{rng.randrange(40)}.{ORIGIN}"

    def cidr4():
        return rng.choice(["", "", "/24", "/28", "/16", "/32"])

    def cidr6():
        return rng.choice(["", "", "//64", "//48", "//128"])

    def term(i):
        kind = rng.choices(["ip4", "ip6", "a", "mx", "include", "exists", "ptr"],
                           weights=[6, 3, 5, 4, 4, 3, 1])[0]
        q = rng.choices(["", "+", "-", "~", "?"], weights=[8, 1, 1, 1, 1])[0]
        if kind == "ip4":
            net = rng.choice(V4_NETS)
            prefix = rng.choice([32, 30, 28, 24, 20, 16, 8])
            base = ipaddress.ip_network(f"{net[rng.randrange(256)]}/{prefix}", strict=False).network_address
            return f"{q}ip4:{base}" + ("" if prefix == 32 and rng.random() < 0.5 else f"/{prefix}")
        if kind == "ip6":
            prefix = rng.choice([128, 64, 48, 32, 24])
            base = ipaddress.ip_network(f"{rand_v6(rng)}/{prefix}", strict=False).network_address
            return f"{q}ip6:{base}/{prefix}"
        if kind == "a":
            target = rng.choice(["", ":" + host(), ":" + host(), ":nohost." + ORIGIN, ":%{d}"])
            return f"{q}a{target}{cidr4()}{cidr6()}"
        if kind == "mx":
            target = rng.choice(["", ":mx%d.%s" % (rng.randrange(12), ORIGIN), ":mx%d.%s" % (rng.randrange(12), ORIGIN),
                                 ":mx-void." + ORIGIN, ":mx-many." + ORIGIN])
            return f"{q}mx{target}{cidr4()}{cidr6()}"
        if kind == "include":
            target = rng.choice(leaves + [f"p{rng.randrange(count)}.{ORIGIN}", f"chain{rng.randrange(13)}.{ORIGIN}",
                                          "leaf-none." + ORIGIN, "leaf-broken." + ORIGIN, "nowhere." + ORIGIN])
            return f"{q}include:{target}"
        if kind == "exists":
            target = rng.choice(["%{ir}.ex." + ORIGIN, "%{l}.u." + ORIGIN, "%{lr-}.u." + ORIGIN,
                                 "%{ir}.%{v}.ex." + ORIGIN, "%{v}.v." + ORIGIN, "%{h}", "%{d2}", "%{o}",
                                 "%{i}._spf.%{d}", "%{l1r.}.u." + ORIGIN])
            return f"{q}exists:{target}"
        return f"{q}ptr" + rng.choice(["", ":" + ORIGIN, ":" + host()])

    broken = ["v=spf1 ip4:192.0.2.300 -all", "v=spf1 a:h1.xc.test/33 -all", "v=spf1 foo -all",
              "v=spf1 exists:%{z}.xc.test -all", "v=spf1 redirect=leaf1.xc.test redirect=leaf2.xc.test",
              "v=spf1 include: -all", "v=spf1 ip6:2001:db8::/129 -all", "v=spf1 mx:mx1.xc.test/24/ -all",
              "v=spf1 -all exp=", "v=spf1 ip4:192.0.2.1/ -all", "v=spf1 a:xc -all", "v=spf1 exists:%{ir}.ex -all",
              "v=spf1 =all", "v=spf1 ~ all", "v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.0/24 -all foo:bar"]
    cases = []
    for i in range(count):
        name = f"p{i}"
        roll = rng.random()
        if roll < 0.04:
            pass  # no record at all
        elif roll < 0.07:
            z.txt(name, "v=spf1 ip4:192.0.2.0/24 -all")
            z.txt(name, "v=spf1 -all")
        elif roll < 0.12:
            z.txt(name, rng.choice(broken))
        elif roll < 0.15:
            # over the lookup limit through the include chain
            z.txt(name, f"v=spf1 include:chain12.{ORIGIN} -all")
        elif roll < 0.18:
            z.txt(name, f"v=spf1 a:void1.{ORIGIN} a:void2.{ORIGIN} mx:void3.{ORIGIN} ip4:{rand_v4(rng)} -all")
        else:
            terms = [term(i) for _ in range(rng.choice([1, 2, 3, 4, 5]))]
            mods = []
            ending = rng.choices(["-all", "~all", "?all", "+all", "redirect", ""], weights=[6, 5, 2, 1, 3, 2])[0]
            if ending == "redirect":
                mods.append("redirect=" + rng.choice(leaves + [f"p{rng.randrange(count)}.{ORIGIN}", "leaf-none." + ORIGIN]))
            elif ending:
                terms.append(ending)
            if rng.random() < 0.25:
                mods.append(f"exp=" + rng.choice([f"exp{rng.randrange(len(exps))}.{ORIGIN}", "exp-two." + ORIGIN,
                                                   "exp-bad." + ORIGIN, "exp-lenient." + ORIGIN,
                                                   "noexp." + ORIGIN]))
            if rng.random() < 0.05:
                mods.append("x-custom=%{d}")
            rng.shuffle(mods)
            z.txt(name, " ".join(["v=spf1"] + terms + mods))
        if rng.random() < 0.15:
            z.add(name, "A", str(rand_v4(rng)))
        if rng.random() < 0.1:
            z.add(name, "MX", f"10 {host()}.")
        # Clients: addresses of hosts (so a/mx/ptr can match), random ones, IPv6.
        for _ in range(rng.choice([1, 2, 2, 3])):
            pick = rng.random()
            if pick < 0.5:
                ip = rng.choice(clients)
            elif pick < 0.8:
                ip = rand_v4(rng)
            else:
                ip = rand_v6(rng)
            lp = rng.choice(LOCAL_PARTS)
            sender = "" if rng.random() < 0.05 else f"{lp}@{name}.{ORIGIN}"
            helo = rng.choice([f"helo1.{ORIGIN}", f"helo2.{ORIGIN}", f"{name}.{ORIGIN}"])
            cases.append({"ip": str(ip), "sender": sender, "helo": helo, "policy": name,
                          "records": z.texts.get(name, [])})
    # Fixed cases: an explanation outside the macro grammar, a name without
    # any record.
    z.txt("lenient", f"v=spf1 ip4:192.0.2.1 -all exp=exp-lenient.{ORIGIN}")
    cases.append({"ip": "198.51.100.9", "sender": "first-last@lenient." + ORIGIN, "helo": "helo1." + ORIGIN,
                  "policy": "lenient", "records": z.texts["lenient"]})
    cases.append({"ip": "192.0.2.1", "sender": "x@nowhere." + ORIGIN, "helo": "helo1." + ORIGIN, "policy": "nowhere",
                  "records": []})

    header = [f"$ORIGIN {ORIGIN}.", "$TTL 300",
              f"@ 300 IN SOA ns.{ORIGIN}. hostmaster.{ORIGIN}. 1 3600 600 86400 60",
              f"@ 300 IN NS ns.{ORIGIN}.", "ns 300 IN A 127.0.0.1"]
    with open(os.path.join(out, f"{ORIGIN}.zone"), "w", encoding="ascii") as f:
        f.write("; generated by gen_spf_policies.py (seed %d); every record states its TTL\n" % seed)
        f.write("\n".join(header + z.lines) + "\n")
    for origin, lines in z.reverse.items():
        with open(os.path.join(out, f"{origin}.zone"), "w", encoding="ascii") as f:
            f.write("\n".join([f"$ORIGIN {origin}.", "$TTL 300",
                               f"@ 300 IN SOA ns.{ORIGIN}. hostmaster.{ORIGIN}. 1 3600 600 86400 60",
                               f"@ 300 IN NS ns.{ORIGIN}."] + lines) + "\n")
    with open(os.path.join(out, "cases.json"), "w", encoding="ascii") as f:
        json.dump(cases, f, indent=0)


if __name__ == "__main__":
    main()
