package org.observatory.ixp.common;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs one bulk statement per slice of rows, in order, so that no array parameter grows without bound. */
public final class Chunks {

    public static final int SIZE = 20_000;

    private Chunks() {
    }

    public static <T> Uni<Void> each(List<T> rows, Function<List<T>, Uni<?>> statement) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += SIZE) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + SIZE)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(statement::apply)
                .collect().last().replaceWithVoid();
    }
}
