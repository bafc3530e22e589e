"""A tiny random GPT-2 with a sentencepiece tokenizer trained on a few sentences (for wiring tests)."""

from __future__ import annotations

from pathlib import Path

TINY_TEXT = """Der Kreml bestätigte am Montag ein Treffen der beiden Präsidenten.
Die Regierung in Berlin sagte, sie werde die Lage genau beobachten.
Nach Angaben der Polizei wurde niemand verletzt.
Der Zug fuhr am späten Abend in Richtung Grenze ab.
Die Gespräche sollen in den kommenden Tagen fortgesetzt werden.
Kim Jong-un reiste mit einem Sonderzug nach Russland.
Die Nachrichtenagentur meldete, die beiden würden sich treffen.
Washington und seine Verbündeten äußerten ihre Besorgnis.
"""


def build_tiny_model(folder: Path) -> Path:
    """Write a tiny HF causal LM folder (random weights) and return it."""
    import sentencepiece as spm
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    from qc.lm.hf_tokenizer import save_hf_tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.txt"
    corpus.write_text(TINY_TEXT * 4, encoding="utf-8")
    prefix = folder / "tokenizer"
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=400, model_type="unigram",
        hard_vocab_limit=False,
        pad_id=0, unk_id=1, bos_id=2, eos_id=3, byte_fallback=True, character_coverage=1.0,
        minloglevel=2,
    )
    save_hf_tokenizer(Path(f"{prefix}.model"), folder)
    torch.manual_seed(0)
    config = GPT2Config(vocab_size=400, n_positions=128, n_embd=32, n_layer=2, n_head=2,
                        bos_token_id=2, eos_token_id=3, pad_token_id=0)
    GPT2LMHeadModel(config).save_pretrained(folder)
    return folder
