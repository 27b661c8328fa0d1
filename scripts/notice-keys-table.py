#!/usr/bin/env python3
"""Regenerates the message-key table of docs/explain.md from the shipped bundles (run from the project root)."""
import pathlib,re
base=pathlib.Path('explain-core/src/main/resources/dev/fairway/explain/reasons')
def load(f):
    d={}
    for line in (base/f).read_text(encoding='utf-8').splitlines():
        if not line.strip() or line.lstrip().startswith('#'): continue
        k,v=line.split('=',1); d[k.strip()]=v.strip()
    return d
en=load('notices.properties'); de=load('notices_de.properties')
rows=['| key | English (shipped) | German (shipped) |','|---|---|---|']
for k in en:
    esc=lambda s: s.replace('|','\\|')
    rows.append(f'| `{k}` | {esc(en[k])} | {esc(de.get(k,""))} |')
table='\n'.join(rows)
doc=pathlib.Path('docs/explain.md'); t=doc.read_text()
start='<!-- message-keys:start -->'; end='<!-- message-keys:end -->'
section=f"""{start}
## Message keys

A reason catalogue names a message key per reason code, and a notice is rendered from a bundle; a
caller's bundle (`NoticeRenderer.withBundles`) is consulted first and the shipped bundles fill in the keys
it lacks. These are every key the shipped bundles define (`notices.properties`, English, the root bundle,
and `notices_de.properties`, German), with their texts; a bundle of your own that replaces the shipped
ones must define the keys your notices use. `{{0}}`-style arguments are `MessageFormat` patterns.
`NoticeKeysDocTest` keeps this table equal to the bundles; `python3 scripts/notice-keys-table.py` rewrites it.

{table}
{end}"""
if start in t:
    t=t[:t.index(start)]+section+t[t.index(end)+len(end):]
else:
    t=t.rstrip('\n')+'\n\n'+section+'\n'
doc.write_text(t)
