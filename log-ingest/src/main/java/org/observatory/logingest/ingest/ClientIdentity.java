package org.observatory.logingest.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.observatory.logingest.common.LogIngestConfig;
import org.observatory.logingest.txlog.TxBlock;

/**
 * Keyed hashes (HMAC-SHA-256 with a configured secret): the stored client hash never reveals the address, and
 * the block key cannot be brute-forced back to it from the IPv4 space either.
 */
@ApplicationScoped
public class ClientIdentity {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    @Inject
    public ClientIdentity(LogIngestConfig config) {
        String secret = config.privacy().clientHashSecret();
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** 16 hex characters identifying the client address; the same address always gives the same hash. */
    public String clientHash(String address) {
        byte[] digest = mac("client\n" + address.toLowerCase());
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    /** The natural key of a block: the same client, protocol, id and times give the same key in any file. */
    public UUID blockKey(TxBlock block) {
        byte[] digest = mac("block\n" + block.address().toLowerCase() + '\n' + block.host() + '\n' + block.protocol()
                + '\n' + block.clientId() + '\n' + block.connectTime() + '\n' + block.logTime());
        ByteBuffer buffer = ByteBuffer.wrap(digest);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private byte[] mac(String text) {
        return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
