import { inflateRawSync } from 'node:zlib';

interface Entry {
  readonly name: string;
  /** Where its central directory record starts. */
  readonly record: number;
}

/** The entries of a ZIP archive, as its central directory lists them. */
function* centralDirectory(zip: Buffer): Generator<Entry> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) throw new Error(`not a ZIP archive: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(offset + 28);
    yield { name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), record: offset };
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
}

/** The names of the files in a ZIP archive, read from its central directory. */
export function zipEntries(zip: Buffer): string[] {
  return [...centralDirectory(zip)].map((entry) => entry.name);
}

/** One file of a ZIP archive (stored or deflated), found by name through its central directory. */
export function zipEntry(zip: Buffer, name: string): Buffer {
  const entry = [...centralDirectory(zip)].find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`no ${name} in the ZIP archive`);
  const method = zip.readUInt16LE(entry.record + 10);
  const size = zip.readUInt32LE(entry.record + 20);
  const local = zip.readUInt32LE(entry.record + 42);
  const data = zip.subarray(local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)).subarray(0, size);
  if (method === 0) return data;
  if (method === 8) return inflateRawSync(data);
  throw new Error(`${name}: compression method ${method} is neither stored nor deflated`);
}
