// The Typst peer of the benchmark, on typst.ts's Node compiler.
//
//   node worker.mjs serve          one compiler; for each line "PATH" on stdin,
//                                  compiles PATH to PDF and prints {"ms", "cpuMs", "bytes"}
//   node worker.mjs once IN OUT    process start to PDF written: a compiler,
//                                  one compile, the file
//
// Fonts come from the directory in TYPST_FONTS; the PDF standard is
// TYPST_STANDARD (default ua-1, tagged). Before each warm compile the
// compiler's memoization cache is evicted: Typst would otherwise reuse the
// layout of the same document from the previous round and answer in a few
// milliseconds, which is not what rendering a new report costs.
import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

const fonts = process.env.TYPST_FONTS;
const pdfStandard = process.env.TYPST_STANDARD || 'ua-1';
const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: [fonts] }] });

function compile(path) {
  return compiler.pdf({ mainFileContent: readFileSync(path, 'utf8') }, { pdfStandard });
}

const [mode, input, output] = process.argv.slice(2);
if (mode === 'once') {
  writeFileSync(output, compile(input));
} else if (mode === 'serve') {
  const lines = createInterface({ input: process.stdin });
  for await (const path of lines) {
    const src = readFileSync(path, 'utf8');
    compiler.evictCache(0);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const pdf = compiler.pdf({ mainFileContent: src }, { pdfStandard });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1e3;
    process.stdout.write(JSON.stringify({ ms, cpuMs, bytes: pdf.length }) + '\n');
  }
} else {
  console.error('usage: worker.mjs serve | once IN.typ OUT.pdf');
  process.exit(2);
}
