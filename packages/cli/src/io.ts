/**
 * File and stream I/O of the CLI (the only place besides services where xprov touches the
 * file system). Read failures are `XP_IO` (exit 2); contents that are not JSON are
 * `XP_MALFORMED` (exit 1): the input was read, but it is refused.
 */
import { closeSync, fchmodSync, openSync, readFileSync, writeSync } from 'node:fs';
import { XprovError } from '@xprov/format';

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new XprovError('XP_IO', `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new XprovError('XP_MALFORMED', `${what} is not JSON`);
  }
}

export function readJsonFile(path: string, what: string): unknown {
  return parseJson(readText(path, what), `${what} ${path}`);
}

export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if ((stream as { isTTY?: boolean }).isTTY) {
    throw new XprovError('XP_USAGE', 'expected JSON on stdin (e.g. `xprov issue --key k.json < unsigned.json`)');
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (e) {
    throw new XprovError('XP_IO', `cannot read stdin: ${String(e)}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Creates `path` with mode 0600 and writes `text`; refuses to overwrite an existing file
 * (`O_EXCL`), so a key is never silently replaced.
 */
export function writeSecretFile(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'it already exists (refusing to overwrite)' : (code ?? String(e));
    throw new XprovError('XP_IO', `cannot create ${path}: ${why}`);
  }
  try {
    fchmodSync(fd, 0o600); // the umask may only lower the mode; make it exact
    writeSync(fd, text);
  } catch (e) {
    throw new XprovError('XP_IO', `cannot write ${path}: ${String(e)}`);
  } finally {
    closeSync(fd);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
