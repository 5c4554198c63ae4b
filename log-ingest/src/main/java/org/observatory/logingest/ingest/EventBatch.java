package org.observatory.logingest.ingest;

import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.observatory.logingest.txlog.StreamTransfer;
import org.observatory.logingest.txlog.TxBlock;

/** Column arrays of stream rows for one {@code INSERT ... SELECT FROM unnest(...)}. */
final class EventBatch {

    /** Inserts what is new and answers how many rows and how many distinct blocks were stored. */
    static final String INSERT = """
            WITH stored AS (
                INSERT INTO log_event (log_time, connect_time, block_key, stream_id, network, station, location, channel,
                                       band, source, subsource, bytes, packets, protocol, agent, client_hash,
                                       country, city, geohash, protocol_version, username)
                SELECT * FROM unnest($1::timestamptz[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                                     $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int8[], $13::int8[],
                                     $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
                                     $20::text[], $21::text[])
                ON CONFLICT DO NOTHING
                RETURNING block_key)
            SELECT count(*) AS stream_rows, count(DISTINCT block_key) AS blocks FROM stored""";

    private final List<OffsetDateTime> logTime = new ArrayList<>();
    private final List<OffsetDateTime> connectTime = new ArrayList<>();
    private final List<UUID> blockKey = new ArrayList<>();
    private final List<String> streamId = new ArrayList<>();
    private final List<String> network = new ArrayList<>();
    private final List<String> station = new ArrayList<>();
    private final List<String> location = new ArrayList<>();
    private final List<String> channel = new ArrayList<>();
    private final List<String> band = new ArrayList<>();
    private final List<String> source = new ArrayList<>();
    private final List<String> subsource = new ArrayList<>();
    private final List<Long> bytes = new ArrayList<>();
    private final List<Long> packets = new ArrayList<>();
    private final List<String> protocol = new ArrayList<>();
    private final List<String> agent = new ArrayList<>();
    private final List<String> clientHash = new ArrayList<>();
    private final List<String> country = new ArrayList<>();
    private final List<String> city = new ArrayList<>();
    private final List<String> geohash = new ArrayList<>();
    private final List<String> protocolVersion = new ArrayList<>();
    private final List<String> username = new ArrayList<>();
    private final Set<Instant> hours = new HashSet<>();

    void add(TxBlock block, UUID key, String hash, ClientLocator.Location where) {
        OffsetDateTime log = block.logTime().atOffset(ZoneOffset.UTC);
        OffsetDateTime connect = block.connectTime().atOffset(ZoneOffset.UTC);
        hours.add(block.logTime().truncatedTo(ChronoUnit.HOURS));
        for (StreamTransfer t : block.streams()) {
            logTime.add(log);
            connectTime.add(connect);
            blockKey.add(key);
            streamId.add(t.stream().text());
            network.add(t.stream().network());
            station.add(t.stream().station());
            location.add(t.stream().location());
            channel.add(t.stream().channel());
            band.add(t.stream().band());
            source.add(t.stream().source());
            subsource.add(t.stream().subsource());
            bytes.add(t.bytes());
            packets.add(t.packets());
            protocol.add(block.protocol());
            agent.add(block.clientId());
            clientHash.add(hash);
            country.add(where.country());
            city.add(where.city());
            geohash.add(where.geohash());
            protocolVersion.add(block.protocolVersion());
            username.add(block.username());
        }
    }

    int size() {
        return logTime.size();
    }

    Set<Instant> hours() {
        return hours;
    }

    Tuple tuple() {
        return Tuple.from(List.of(
                logTime.toArray(OffsetDateTime[]::new), connectTime.toArray(OffsetDateTime[]::new),
                blockKey.toArray(UUID[]::new), strings(streamId), strings(network), strings(station),
                strings(location), strings(channel), strings(band), strings(source), strings(subsource),
                bytes.toArray(Long[]::new), packets.toArray(Long[]::new), strings(protocol), strings(agent),
                strings(clientHash), strings(country), strings(city), strings(geohash), strings(protocolVersion),
                strings(username)));
    }

    private static String[] strings(List<String> column) {
        return column.toArray(String[]::new);
    }
}
