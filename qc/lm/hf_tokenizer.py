"""Turn a sentencepiece unigram model into a Hugging Face fast tokenizer.

The default model ships both ``tokenizer.model`` (sentencepiece) and
``tokenizer.json`` (``tokenizers``), so ``AutoTokenizer.from_pretrained`` loads it
offline and yields character offsets like any other HF tokenizer. The mapping
mirrors sentencepiece's identity normalisation with a dummy prefix: every space
becomes ``▁`` and one ``▁`` is prepended; unknown characters fall back to bytes.
"""

from __future__ import annotations

from pathlib import Path

SPECIALS = {"pad_token": "<pad>", "unk_token": "<unk>", "bos_token": "<s>", "eos_token": "</s>"}


def build_fast_tokenizer(spm_model: Path):
    import sentencepiece as spm
    from tokenizers import Tokenizer, decoders, normalizers
    from tokenizers.models import Unigram

    sp = spm.SentencePieceProcessor(model_file=str(spm_model))
    vocab = [(sp.id_to_piece(i), sp.get_score(i)) for i in range(sp.get_piece_size())]
    unk_id = sp.unk_id()
    tok = Tokenizer(Unigram(vocab, unk_id=unk_id, byte_fallback=True))
    tok.normalizer = normalizers.Sequence([normalizers.Prepend("▁"), normalizers.Replace(" ", "▁")])
    tok.decoder = decoders.Sequence(
        [decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse(), decoders.Strip(" ", 1, 0)]
    )
    return tok


def save_hf_tokenizer(spm_model: Path, out_dir: Path) -> None:
    from transformers import PreTrainedTokenizerFast

    fast = PreTrainedTokenizerFast(tokenizer_object=build_fast_tokenizer(spm_model), **SPECIALS)
    fast.save_pretrained(str(out_dir))
