"""Tiny randomly initialised causal LMs for tests: real HF folders, built in a second.

They exercise the generic loading path (``AutoModelForCausalLM`` + ``AutoTokenizer`` from a
folder) without the shipped model. Their scores are meaningless; their shapes are real.

Example::

    >>> folder = build_tiny_model(tmp_path)              # doctest: +SKIP
    >>> LMScorer.load(str(folder)).score_texts(["Der Hund bellt."])  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

_WORDS = """
der die das ein eine und oder nicht mit von für auf in im am zu ist sind war wurde hat
Hund Katze Regierung Polizei Stadt Berlin Montag Jahr Prozent Bericht Zug Grenze
bellt schläft sagte meldete fuhr beobachten verletzt laut heute gestern neue alte . , : ? !
"""
#: words of the tiny word-level vocabulary (any other word becomes <unk>)
TINY_WORDS = tuple(_WORDS.split())


def build_tiny_model(folder: Path, *, context: int = 16, seed: int = 0) -> Path:
    """Write a GPT-2 (2 layers x 16 dims) with a word-level tokenizer to ``folder``.

    Like the original GPT-2 it has only an end-of-text token (no separate start token and
    no padding token), so it also covers the scorer's fallbacks for such models.
    """
    import torch
    from tokenizers import Tokenizer, pre_tokenizers
    from tokenizers.models import WordLevel
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {tok: i for i, tok in enumerate(["<unk>", "<|endoftext|>", *TINY_WORDS])}
    tok = Tokenizer(WordLevel(vocab, unk_token="<unk>"))
    split = [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()]
    tok.pre_tokenizer = pre_tokenizers.Sequence(split)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", eos_token="<|endoftext|>")
    fast.save_pretrained(str(folder))
    torch.manual_seed(seed)
    config = GPT2Config(
        vocab_size=len(vocab), n_positions=context, n_embd=16, n_layer=2, n_head=2,
        bos_token_id=None, eos_token_id=1,
    )
    GPT2LMHeadModel(config).save_pretrained(str(folder))
    return folder
