package com.astro.infra;

import java.util.Collection;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The embedded server's in-memory backend with one change: a query that names one {@code _id} beside other
 * conditions ({@code {_id: x, version: 3}}, as every conditional update of ours does) reads that one document
 * through the {@code _id} index and checks the other conditions on it. The stock backend uses an index only when
 * the query has exactly the index's fields, so each such update scanned the whole collection: the dev stack got
 * slower with every benchmark run (docs/benchmarks.md, "The embedded Mongo's scans"), where real MongoDB looks
 * the document up by {@code _id}.
 */
final class IdLookupBackend extends MemoryBackend {

    private static final String ID = "_id";

    @Override
    public MemoryDatabase openOrCreateDatabase(String name) {
        return new Database(name, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {

        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            return new IdLookupCollection(this, name, options, cursorRegistry);
        }
    }

    private static final class IdLookupCollection extends MemoryCollection {

        IdLookupCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                Document fields) {
            Object id = query.get(ID);
            if (query.size() > 1 && isSingleValue(id)) {
                Document byId = new Document(ID, id);
                for (Index<Integer> index : getIndexes()) {
                    if (index.canHandle(byId)) {
                        // the whole query is still matched, on the one document the index names
                        return matchDocuments(query, index.getPositions(byId), orderBy, skip, limit, batchSize, fields);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fields);
        }

        /** A plain value to compare with: not an operator document ({@code $in}...), a list or a pattern. */
        private static boolean isSingleValue(Object id) {
            return id != null && !(id instanceof Document) && !(id instanceof Collection<?>)
                    && !BsonRegularExpression.isRegularExpression(id);
        }
    }
}
