import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The backup envelope: a header, then AES-256-GCM frames of at most 64 KiB of plaintext.
 *
 *   header = "GOMEETBK" | version (1) | file id (16) | key check (16)
 *   frame  = flags (1, bit 0 = final) | length (4, BE) | nonce (12) | ciphertext | tag (16)
 *
 * Each frame's AAD is header | frame index (8, BE) | flags, so a reordered, dropped, or
 * re-flagged frame fails authentication, and a stream that ends before its final frame is
 * refused as truncated. The AES key is derived per file (HKDF over the file id).
 */
const MAGIC = Buffer.from('GOMEETBK');
const VERSION = 1;
const HEADER_LENGTH = MAGIC.length + 1 + 16 + 16;
const FRAME_HEAD = 1 + 4 + 12;
const TAG_LENGTH = 16;
/** Plaintext bytes per frame. */
export const CHUNK_SIZE = 64 * 1024;

/** Why a backup could not be decrypted; the message is safe to show. */
export class BackupIntegrityError extends Error {
  override name = 'BackupIntegrityError';
}

function deriveKeys(key: Buffer, fileId: Buffer): { aes: Buffer; check: Buffer } {
  const aes = Buffer.from(hkdfSync('sha256', key, fileId, 'gomeet-backup v1 aes-256-gcm', 32));
  const check = createHmac('sha256', key)
    .update('gomeet-backup v1 key check')
    .update(fileId)
    .digest()
    .subarray(0, 16);
  return { aes, check };
}

function frameAad(header: Buffer, index: bigint, flags: number): Buffer {
  const aad = Buffer.alloc(header.length + 9);
  header.copy(aad);
  aad.writeBigUInt64BE(index, header.length);
  aad[header.length + 8] = flags;
  return aad;
}

/** Encrypts a byte stream into the framed envelope under a 32-byte key. */
export function createEncryptStream(key: Buffer): Transform {
  const fileId = randomBytes(16);
  const { aes, check } = deriveKeys(key, fileId);
  const header = Buffer.concat([MAGIC, Buffer.from([VERSION]), fileId, check]);
  let index = 0n;
  let pending: Buffer = Buffer.alloc(0);
  const seal = (plain: Buffer, final: boolean): Buffer => {
    const flags = final ? 1 : 0;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', aes, nonce);
    cipher.setAAD(frameAad(header, index++, flags));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const head = Buffer.alloc(FRAME_HEAD);
    head[0] = flags;
    head.writeUInt32BE(plain.length, 1);
    nonce.copy(head, 5);
    return Buffer.concat([head, body, cipher.getAuthTag()]);
  };
  return new Transform({
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= CHUNK_SIZE) {
        this.push(seal(pending.subarray(0, CHUNK_SIZE), false));
        pending = pending.subarray(CHUNK_SIZE);
      }
      callback();
    },
    flush(callback: TransformCallback) {
      this.push(seal(pending, true));
      callback();
    },
  });
}

function readHeader(header: Buffer, key: Buffer): Buffer {
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupIntegrityError('not a GoMeet backup (unknown file header)');
  }
  if (header[MAGIC.length] !== VERSION) {
    throw new BackupIntegrityError(
      `unsupported backup format version ${String(header[MAGIC.length])}`,
    );
  }
  const fileId = header.subarray(MAGIC.length + 1, MAGIC.length + 17);
  const { aes, check } = deriveKeys(key, fileId);
  if (!timingSafeEqual(check, header.subarray(MAGIC.length + 17, HEADER_LENGTH))) {
    throw new BackupIntegrityError(
      'wrong BACKUP_ENCRYPTION_KEY: this backup was encrypted under a different key',
    );
  }
  return aes;
}

/**
 * Decrypts the framed envelope; emits only authenticated plaintext and fails with a
 * {@link BackupIntegrityError} on a wrong key, a modified byte, reordering, or truncation.
 */
export function createDecryptStream(key: Buffer): Transform {
  let buffered: Buffer = Buffer.alloc(0);
  let header: Buffer | undefined;
  let aes: Buffer | undefined;
  let index = 0n;
  let finished = false;
  const open = (frame: Buffer, length: number): Buffer => {
    const flags = frame[0] ?? 0;
    const nonce = frame.subarray(5, FRAME_HEAD);
    const decipher = createDecipheriv('aes-256-gcm', aes!, nonce);
    decipher.setAAD(frameAad(header!, index, flags));
    decipher.setAuthTag(frame.subarray(FRAME_HEAD + length));
    try {
      const plain = Buffer.concat([
        decipher.update(frame.subarray(FRAME_HEAD, FRAME_HEAD + length)),
        decipher.final(),
      ]);
      index += 1n;
      finished = (flags & 1) === 1;
      return plain;
    } catch {
      throw new BackupIntegrityError(
        `backup is corrupted or was modified (frame ${index} failed authentication)`,
      );
    }
  };
  const drain = (push: (b: Buffer) => void): void => {
    if (!header) {
      if (buffered.length < HEADER_LENGTH) return;
      header = Buffer.from(buffered.subarray(0, HEADER_LENGTH));
      aes = readHeader(header, key);
      buffered = buffered.subarray(HEADER_LENGTH);
    }
    while (buffered.length >= FRAME_HEAD) {
      if (finished) throw new BackupIntegrityError('backup has unexpected data after its end');
      const length = buffered.readUInt32BE(1);
      if (length > CHUNK_SIZE) throw new BackupIntegrityError('backup is corrupted (bad frame)');
      const total = FRAME_HEAD + length + TAG_LENGTH;
      if (buffered.length < total) return;
      push(open(buffered.subarray(0, total), length));
      buffered = buffered.subarray(total);
    }
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      try {
        drain((b) => this.push(b));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      if (!header) return callback(new BackupIntegrityError('backup is truncated (no header)'));
      if (!finished || buffered.length > 0) {
        return callback(new BackupIntegrityError('backup is truncated (its last part is missing)'));
      }
      callback();
    },
  });
}
