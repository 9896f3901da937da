package org.abri.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted file format of every backup and archived WAL segment: AES-256-GCM from the JDK,
 * in chunks, so that neither side ever holds a whole file in memory (the JDK's GCM decryption
 * buffers the whole message until it has checked the tag).
 *
 * <pre>
 * header (48 bytes, authenticated as part of every chunk's associated data)
 *   8  magic "ABRI-BAK"
 *   1  format version (1)
 *   1  kind ('B' base backup, 'W' WAL segment)
 *   4  chunk size (plaintext bytes per chunk, big-endian)
 *   8  key id: the first 8 bytes of HMAC-SHA256(key, "abri-backup-key-id") (never the key)
 *  16  salt: the file's key is HMAC-SHA256(key, "abri-backup-file-key-v1" || salt)
 *   4  nonce prefix (random)
 *   6  reserved (zero)
 * then chunks, each
 *   4  length of the ciphertext that follows, its top bit set on the last chunk
 *   n  AES-GCM(file key, nonce = prefix || chunk index (8 bytes),
 *              aad = header || chunk index (8 bytes) || last flag (1 byte)) with its 16-byte tag
 * </pre>
 *
 * A chunk moved, dropped or duplicated fails its tag (its index is in the nonce and the
 * associated data); a file cut after any chunk lacks the last-chunk flag; bytes after the last
 * chunk are refused. The file key is derived per file from a random salt, so that the 96-bit
 * nonces never repeat under one key however many files the key encrypts.
 */
final class ChunkedEncryption {

    static final int HEADER_LENGTH = 48;
    static final int DEFAULT_CHUNK = 1 << 20;
    static final byte VERSION = 1;
    static final byte KIND_BASE_BACKUP = 'B';
    static final byte KIND_WAL = 'W';
    private static final byte[] MAGIC = "ABRI-BAK".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG_BYTES = 16;
    private static final int LAST = 0x80000000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChunkedEncryption() {
    }

    /** The key's public identifier, written in each file so that a wrong key is named as such. */
    static byte[] keyId(byte[] key) {
        return Arrays.copyOf(hmac(key, "abri-backup-key-id".getBytes(StandardCharsets.US_ASCII)), 8);
    }

    static String keyIdHex(byte[] key) {
        return hex(keyId(key));
    }

    /** Encrypts what is written to the returned stream into {@code out}; closing it writes the last chunk. */
    static OutputStream encrypt(OutputStream out, byte[] key, byte kind) throws IOException {
        return encrypt(out, key, kind, DEFAULT_CHUNK);
    }

    static OutputStream encrypt(OutputStream out, byte[] key, byte kind, int chunkSize) throws IOException {
        byte[] salt = new byte[16];
        byte[] prefix = new byte[4];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(prefix);
        ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
        header.put(MAGIC).put(VERSION).put(kind).putInt(chunkSize).put(keyId(key)).put(salt).put(prefix);
        byte[] headerBytes = header.array();
        out.write(headerBytes);
        return new Encrypting(out, fileKey(key, salt), headerBytes, prefix, chunkSize);
    }

    /** The header's fields, read and checked against the key before anything is decrypted. */
    record Header(byte[] bytes, byte kind, int chunkSize, String keyId, byte[] salt, byte[] prefix) {
    }

    static Header readHeader(InputStream in) throws IOException {
        byte[] bytes = new byte[HEADER_LENGTH];
        int read = in.readNBytes(bytes, 0, HEADER_LENGTH);
        if (read < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new BackupFormatException(BackupFormatException.Reason.NOT_A_BACKUP, "it is not an Abri backup file");
        }
        if (read < HEADER_LENGTH) {
            throw new BackupFormatException(BackupFormatException.Reason.TRUNCATED, "it is cut short (no complete header)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(MAGIC.length);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new BackupFormatException(BackupFormatException.Reason.NEWER_VERSION,
                    "it was written in format " + version + " by a newer Abri, and this one reads format " + VERSION);
        }
        byte kind = buffer.get();
        int chunkSize = buffer.getInt();
        byte[] keyId = new byte[8];
        byte[] salt = new byte[16];
        byte[] prefix = new byte[4];
        buffer.get(keyId).get(salt).get(prefix);
        if (chunkSize <= 0 || chunkSize > (64 << 20)) {
            throw new BackupFormatException(BackupFormatException.Reason.DAMAGED, "its header is damaged");
        }
        return new Header(bytes, kind, chunkSize, hex(keyId), salt, prefix);
    }

    /** Decrypts a whole file, chunk by chunk; every read fails once something is wrong. */
    static InputStream decrypt(InputStream in, byte[] key) throws IOException {
        Header header = readHeader(in);
        if (!header.keyId().equals(keyIdHex(key))) {
            throw new BackupFormatException(BackupFormatException.Reason.WRONG_KEY,
                    "it was encrypted with another key (key id " + header.keyId() + ", the key given has "
                            + keyIdHex(key) + ")");
        }
        return new Decrypting(in, fileKey(key, header.salt()), header);
    }

    private static SecretKeySpec fileKey(byte[] key, byte[] salt) {
        byte[] label = "abri-backup-file-key-v1".getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(label, label.length + salt.length);
        System.arraycopy(salt, 0, input, label.length, salt.length);
        return new SecretKeySpec(hmac(key, input), "AES");
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] nonce(byte[] prefix, long index) {
        return ByteBuffer.allocate(12).put(prefix).putLong(index).array();
    }

    private static byte[] aad(byte[] header, long index, boolean last) {
        return ByteBuffer.allocate(header.length + 9).put(header).putLong(index).put((byte) (last ? 1 : 0)).array();
    }

    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return text.toString();
    }

    private static final class Encrypting extends FilterOutputStream {

        private final SecretKeySpec key;
        private final byte[] header;
        private final byte[] prefix;
        private final byte[] buffer;
        private final Cipher cipher;
        private int filled;
        private long index;
        private boolean closed;

        Encrypting(OutputStream out, SecretKeySpec key, byte[] header, byte[] prefix, int chunkSize) throws IOException {
            super(out);
            this.key = key;
            this.header = header;
            this.prefix = prefix;
            this.buffer = new byte[chunkSize];
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM is not available", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (filled == buffer.length) {
                    // Only a full buffer followed by more bytes is known not to be the last chunk.
                    writeChunk(false);
                }
                int n = Math.min(length, buffer.length - filled);
                System.arraycopy(bytes, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        private void writeChunk(boolean last) throws IOException {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(prefix, index)));
                cipher.updateAAD(aad(header, index, last));
                byte[] sealed = cipher.doFinal(buffer, 0, filled);
                out.write(ByteBuffer.allocate(4).putInt(sealed.length | (last ? LAST : 0)).array());
                out.write(sealed);
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot encrypt the backup: " + e.getMessage(), e);
            }
            index++;
            filled = 0;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                writeChunk(true);
                out.flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class Decrypting extends InputStream {

        private final InputStream in;
        private final SecretKeySpec key;
        private final Header header;
        private final Cipher cipher;
        private byte[] plain = new byte[0];
        private int position;
        private long index;
        private boolean ended;

        Decrypting(InputStream in, SecretKeySpec key, Header header) throws IOException {
            this.in = in;
            this.key = key;
            this.header = header;
            try {
                this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM is not available", e);
            }
        }

        private boolean fill() throws IOException {
            while (position == plain.length) {
                if (ended) {
                    return false;
                }
                byte[] lengthBytes = in.readNBytes(4);
                if (lengthBytes.length < 4) {
                    throw truncated();
                }
                int word = ByteBuffer.wrap(lengthBytes).getInt();
                boolean last = (word & LAST) != 0;
                int length = word & ~LAST;
                if (length < TAG_BYTES || length > header.chunkSize() + TAG_BYTES) {
                    throw new BackupFormatException(BackupFormatException.Reason.DAMAGED,
                            "it is damaged (chunk " + index + " has an impossible length)");
                }
                byte[] sealed = in.readNBytes(length);
                if (sealed.length < length) {
                    throw truncated();
                }
                try {
                    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(header.prefix(), index)));
                    cipher.updateAAD(aad(header.bytes(), index, last));
                    plain = cipher.doFinal(sealed);
                } catch (AEADBadTagException e) {
                    throw new BackupFormatException(BackupFormatException.Reason.DAMAGED,
                            "it is damaged or was altered (chunk " + index + " fails its check)");
                } catch (GeneralSecurityException e) {
                    throw new IOException("Cannot decrypt the backup: " + e.getMessage(), e);
                }
                position = 0;
                index++;
                if (last) {
                    ended = true;
                    if (in.read() != -1) {
                        throw new BackupFormatException(BackupFormatException.Reason.DAMAGED,
                                "it is damaged (bytes follow its last chunk)");
                    }
                }
            }
            return true;
        }

        private BackupFormatException truncated() {
            return new BackupFormatException(BackupFormatException.Reason.TRUNCATED,
                    "it is cut short (it ends after chunk " + index + " without its last chunk)");
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return plain[position++] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, bytes, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Reads a stream to its end (the decryption checks each chunk and the last one as it goes). */
    static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (in.read(buffer) >= 0) {
            // only the checks matter
        }
    }
}
