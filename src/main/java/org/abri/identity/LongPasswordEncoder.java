package org.abri.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt reads at most 72 bytes of a password, and Spring Security's encoder refuses longer ones
 * with an exception (a 500 on the sign-in page). A long passphrase is legitimate, so a password
 * over 72 bytes (UTF-8) is first reduced to the Base64 of its SHA-256 (44 ASCII bytes, no NUL),
 * then bcrypt-hashed as usual: its length no longer matters and every byte of it counts. Passwords
 * of 72 bytes or fewer are hashed exactly as before, so every existing hash stays valid (no
 * password over 72 bytes could be stored before: the encoder refused them).
 */
final class LongPasswordEncoder implements PasswordEncoder {

    static final int BCRYPT_MAX_BYTES = 72;

    private final PasswordEncoder bcrypt;

    LongPasswordEncoder(PasswordEncoder bcrypt) {
        this.bcrypt = bcrypt;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(reduced(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bcrypt.matches(reduced(rawPassword), encodedPassword);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    static CharSequence reduced(CharSequence rawPassword) {
        if (rawPassword == null) {
            return null;
        }
        byte[] bytes = rawPassword.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= BCRYPT_MAX_BYTES) {
            return rawPassword;
        }
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
