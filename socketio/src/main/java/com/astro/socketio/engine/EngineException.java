package com.astro.socketio.engine;

/** A request the Engine.IO server refuses with one of the specified error answers. */
final class EngineException extends RuntimeException {

    final EngineError error;

    EngineException(EngineError error) {
        super(error.message, null, false, false);
        this.error = error;
    }
}
