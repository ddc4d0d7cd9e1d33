import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { backupFileName, isZip, readBackup, writeBackup } from '../../src/io/backup-zip';
import { MAX_FILE_BYTES } from '../../src/io/workbook-file';

function read(bytes: Uint8Array) {
  const r = readBackup(bytes);
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe('backup zip', () => {
  it('round-trips workbook files, giving clashing names a number', () => {
    const zip = writeBackup([
      { name: 'pcn-a.headroom.json', text: '{"name":"A"}' },
      { name: 'pcn-a.headroom.json', text: '{"name":"A again"}' },
      { name: 'thurrock.headroom.json', text: '{"name":"Thurrock £ – é"}' },
    ]);
    expect(isZip(zip)).toBe(true);
    const { entries, refused } = read(zip);
    expect(refused).toEqual([]);
    expect(entries).toEqual([
      { name: 'pcn-a-2.headroom.json', text: '{"name":"A again"}' },
      { name: 'pcn-a.headroom.json', text: '{"name":"A"}' },
      { name: 'thurrock.headroom.json', text: '{"name":"Thurrock £ – é"}' },
    ]);
  });

  it('names each entry it refuses, passes over folders and archive clutter, and keeps the rest', () => {
    const zip = zipSync({
      'a.headroom.json': strToU8('{}'),
      'folder/': new Uint8Array(0),
      '__MACOSX/._a.headroom.json': strToU8('junk'),
      'folder/.DS_Store': strToU8('junk'),
      'readme.txt': strToU8('hello'),
      'latin1.headroom.json': new Uint8Array([0x7b, 0xa3, 0x7d]),
    });
    const { entries, refused } = read(zip);
    expect(entries.map((e) => e.name)).toEqual(['a.headroom.json']);
    expect(refused).toEqual([
      { name: 'readme.txt', message: 'not a workbook file (a backup holds .headroom.json files)' },
      { name: 'latin1.headroom.json', message: 'the file is not text (UTF-8)' },
    ]);
  });

  it('refuses an entry larger than a workbook may be, by the size in the zip directory, without inflating it', () => {
    const zip = zipSync({ 'huge.headroom.json': strToU8('{"name":"huge"}'), 'small.headroom.json': strToU8('{}') });
    // say in the central directory that the first entry inflates to 60 MB (as a zip bomb would)
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let at = zip.length - 22;
    while (view.getUint32(at, true) !== 0x06054b50) at--;
    const directory = view.getUint32(at + 16, true);
    expect(view.getUint32(directory, true)).toBe(0x02014b50);
    view.setUint32(directory + 24, 60 * 1024 * 1024, true);
    const { entries, refused } = read(zip);
    expect(entries.map((e) => e.name)).toEqual(['small.headroom.json']);
    expect(refused).toEqual([{ name: 'huge.headroom.json', message: `the file is 60.0 MB; a Headroom workbook is at most ${MAX_FILE_BYTES / 1048576} MB` }]);
  });

  it('says plainly that a file is not a zip', () => {
    expect(isZip(strToU8('{"format":"headroom-workbook"}'))).toBe(false);
    const r = readBackup(strToU8('PK\u0003\u0004 not really'));
    expect('error' in r && r.error).toMatch(/^the file is not a readable zip/);
  });

  it('names the backup after the day', () => {
    expect(backupFileName(new Date(2026, 0, 9))).toBe('headroom-backup-2026-01-09.zip');
  });
});
