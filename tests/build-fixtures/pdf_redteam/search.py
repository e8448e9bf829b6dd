import sys, re
args = sys.argv[1:]
i = args.index('--')
files, vals = args[:i], args[i+1:]
def forms(v):
    b = v.encode()
    yield 'plain', b
    yield 'utf16be', v.encode('utf-16-be')
    yield 'utf16le', v.encode('utf-16-le')
    yield 'hex', b.hex().encode()
    yield 'HEX', b.hex().upper().encode()
    yield 'octal', ''.join('\\%03o' % c for c in b).encode()
hits = 0
for f in files:
    data = open(f,'rb').read()
    low = data.lower()
    for v in vals:
        for kind, b in forms(v):
            if b.lower() in low:
                idx = low.find(b.lower())
                ctx = data[max(0,idx-60):idx+len(b)+40]
                print(f"  LEAK? {v!r} ({kind}) in {f.split('/')[-1]}: ...{ctx!r}...")
                hits += 1
if not hits: print("  no planted value found in output/qdf/pdftotext")
