package org.abri.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The encrypted file format: what is written reads back, and anything else is refused with its reason. */
class ChunkedEncryptionTest {

    private static final int CHUNK = 1024;
    private static final int SEALED_CHUNK = 4 + CHUNK + 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key = random(32);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 10_000})
    void whatIsWrittenReadsBack(int length) throws IOException {
        byte[] plain = random(length);
        byte[] sealed = encrypt(plain, CHUNK);
        assertThat(decrypt(sealed, key)).isEqualTo(plain);
        int chunks = Math.max(1, (length + CHUNK - 1) / CHUNK);
        assertThat(sealed.length).as("header, then one sealed chunk per started chunk (at least one, the last)")
                .isEqualTo(ChunkedEncryption.HEADER_LENGTH + chunks * 20 + length);
    }

    @Test
    void theDefaultChunksOfAMebibyteRoundTripThroughSmallWrites() throws IOException {
        byte[] plain = random(3 * ChunkedEncryption.DEFAULT_CHUNK + 17);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypted = ChunkedEncryption.encrypt(out, key, ChunkedEncryption.KIND_BASE_BACKUP)) {
            for (int i = 0; i < plain.length; i += 1000) {
                encrypted.write(plain, i, Math.min(1000, plain.length - i));
            }
        }
        assertThat(decrypt(out.toByteArray(), key)).isEqualTo(plain);
    }

    @Test
    void twoFilesOfTheSameContentShareNoCiphertext() throws IOException {
        byte[] plain = random(5000);
        byte[] first = encrypt(plain, CHUNK);
        byte[] second = encrypt(plain, CHUNK);
        assertThat(Arrays.copyOfRange(first, 100, 200)).isNotEqualTo(Arrays.copyOfRange(second, 100, 200));
    }

    @Test
    void aWrongKeyIsNamedAsSuchBeforeAnythingIsDecrypted() throws IOException {
        byte[] sealed = encrypt(random(5000), CHUNK);
        assertThatThrownBy(() -> decrypt(sealed, random(32)))
                .isInstanceOfSatisfying(BackupFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupFormatException.Reason.WRONG_KEY))
                .hasMessageContaining("another key");
    }

    @Test
    void theKeyItselfIsNotInTheFile() throws IOException {
        byte[] sealed = encrypt(random(100), CHUNK);
        for (int i = 0; i + key.length <= sealed.length; i++) {
            assertThat(Arrays.copyOfRange(sealed, i, i + key.length)).isNotEqualTo(key);
        }
    }

    @Test
    void aFlippedByteAnywhereIsRefused() throws IOException {
        byte[] sealed = encrypt(random(3 * CHUNK + 100), CHUNK);
        // in the salt of the header, in the first chunk, in the tag of the second, in the last chunk
        for (int position : new int[] {30, ChunkedEncryption.HEADER_LENGTH + 10,
                ChunkedEncryption.HEADER_LENGTH + 2 * SEALED_CHUNK - 1, sealed.length - 5}) {
            byte[] altered = sealed.clone();
            altered[position] ^= 0x01;
            assertThatThrownBy(() -> decrypt(altered, key)).as("byte %d flipped", position)
                    .isInstanceOfSatisfying(BackupFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(BackupFormatException.Reason.DAMAGED));
        }
    }

    @Test
    void aFileCutShortIsRefusedWhereverItIsCut() throws IOException {
        byte[] sealed = encrypt(random(3 * CHUNK + 100), CHUNK);
        int afterTwoChunks = ChunkedEncryption.HEADER_LENGTH + 2 * SEALED_CHUNK;
        for (int length : new int[] {ChunkedEncryption.HEADER_LENGTH, afterTwoChunks, afterTwoChunks + 3,
                afterTwoChunks + 500, sealed.length - 1}) {
            byte[] cut = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> decrypt(cut, key)).as("cut at %d of %d", length, sealed.length)
                    .isInstanceOfSatisfying(BackupFormatException.class,
                            e -> assertThat(e.reason()).isEqualTo(BackupFormatException.Reason.TRUNCATED));
        }
    }

    @Test
    void bytesAfterTheLastChunkAreRefused() throws IOException {
        byte[] sealed = encrypt(random(2 * CHUNK), CHUNK);
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> decrypt(longer, key)).isInstanceOf(BackupFormatException.class)
                .hasMessageContaining("follow its last chunk");
    }

    @Test
    void reorderedOrRepeatedChunksAreRefused() throws IOException {
        byte[] sealed = encrypt(random(3 * CHUNK + 100), CHUNK);
        int first = ChunkedEncryption.HEADER_LENGTH;
        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, first + SEALED_CHUNK, swapped, first, SEALED_CHUNK);
        System.arraycopy(sealed, first, swapped, first + SEALED_CHUNK, SEALED_CHUNK);
        assertThatThrownBy(() -> decrypt(swapped, key))
                .isInstanceOfSatisfying(BackupFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupFormatException.Reason.DAMAGED));

        byte[] repeated = sealed.clone();
        System.arraycopy(sealed, first, repeated, first + SEALED_CHUNK, SEALED_CHUNK);
        assertThatThrownBy(() -> decrypt(repeated, key)).isInstanceOf(BackupFormatException.class);

        // A chunk of another file with the same key does not fit either.
        byte[] other = encrypt(random(3 * CHUNK + 100), CHUNK);
        byte[] spliced = sealed.clone();
        System.arraycopy(other, first, spliced, first, SEALED_CHUNK);
        assertThatThrownBy(() -> decrypt(spliced, key)).isInstanceOf(BackupFormatException.class);
    }

    @Test
    void theLastChunkDroppedIsATruncation() throws IOException {
        byte[] sealed = encrypt(random(2 * CHUNK + 10), CHUNK);
        byte[] withoutLast = Arrays.copyOf(sealed, ChunkedEncryption.HEADER_LENGTH + 2 * SEALED_CHUNK);
        assertThatThrownBy(() -> decrypt(withoutLast, key))
                .isInstanceOfSatisfying(BackupFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupFormatException.Reason.TRUNCATED));
    }

    @Test
    void somethingElseIsNotABackup() {
        assertThatThrownBy(() -> decrypt("PK\u0003\u0004 a zip file".getBytes(), key))
                .isInstanceOfSatisfying(BackupFormatException.class,
                        e -> assertThat(e.reason()).isEqualTo(BackupFormatException.Reason.NOT_A_BACKUP));
    }

    private byte[] encrypt(byte[] plain, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypted = ChunkedEncryption.encrypt(out, key, ChunkedEncryption.KIND_WAL, chunk)) {
            encrypted.write(plain);
        }
        return out.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, byte[] key) throws IOException {
        try (InputStream in = ChunkedEncryption.decrypt(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
