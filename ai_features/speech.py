"""Offline speech recognition with pocketsphinx and the English model its wheel ships.

Nothing is downloaded: the acoustic model, dictionary and language model come from
``pocketsphinx.get_model_path()``. The recognizer reads PCM WAV; other sample rates and stereo are
converted to 16 kHz mono with the standard library's ``audioop`` (a plain rate conversion: speech
recorded at 16 kHz is recognized best).
"""

from __future__ import annotations

import io
import threading
import warnings
import wave

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

SAMPLE_RATE = 16000


class UnreadableAudio(ValueError):
    """The bytes are not a PCM WAV file the offline recognizer can read."""


def wav_duration_seconds(data: bytes) -> float | None:
    """Duration of a WAV file, ``None`` for anything else (spec 09 section 5: cost for WAV only)."""
    try:
        with wave.open(io.BytesIO(data)) as audio:
            return audio.getnframes() / float(audio.getframerate())
    except (wave.Error, EOFError, ZeroDivisionError):
        return None


def _pcm16_mono(data: bytes) -> bytes:
    try:
        with wave.open(io.BytesIO(data)) as audio:
            frames = audio.readframes(audio.getnframes())
            width, channels, rate = audio.getsampwidth(), audio.getnchannels(), audio.getframerate()
    except (wave.Error, EOFError) as exc:
        raise UnreadableAudio(str(exc)) from exc
    if width != 2:
        frames = audioop.lin2lin(frames, width, 2)
    if channels == 2:
        frames = audioop.tomono(frames, 2, 0.5, 0.5)
    elif channels != 1:
        raise UnreadableAudio(f"{channels} channels are not supported")
    if rate != SAMPLE_RATE:
        frames, _ = audioop.ratecv(frames, 2, 1, rate, SAMPLE_RATE, None)
    return frames


_decoder = None
_decoder_lock = threading.Lock()


def transcribe_wav(data: bytes) -> str:
    """The words spoken in a WAV file (lower case, as pocketsphinx writes them)."""
    global _decoder
    pcm = _pcm16_mono(data)
    from pocketsphinx import Decoder

    with _decoder_lock:
        if _decoder is None:
            _decoder = Decoder(samprate=SAMPLE_RATE, logfn="/dev/null")
        _decoder.start_utt()
        _decoder.process_raw(pcm, full_utt=True)
        _decoder.end_utt()
        hypothesis = _decoder.hyp()
    return hypothesis.hypstr.strip() if hypothesis is not None else ""
