"""
A hand-written Llama/Qwen2-layout decoder in PyTorch, the peer the engine benchmarks compare against. It mirrors
engine/model (RMSNorm, RoPE with rotate_half, grouped-query attention, SwiGLU MLP, tied embeddings, no qkv bias) so
both sides do the same arithmetic per token; attention uses F.scaled_dot_product_attention, what a PyTorch user gets.
Sizes are passed in by the TypeScript bench (from engine/model namedSizes), so the two can never drift apart.
"""
import torch
import torch.nn.functional as F
from torch import nn


class RMSNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rope_tables(max_len, dh, theta):
    inv = theta ** (-torch.arange(0, dh, 2, dtype=torch.float64) / dh)
    angles = torch.outer(torch.arange(max_len, dtype=torch.float64), inv)
    angles = torch.cat([angles, angles], -1)
    return angles.cos().float(), angles.sin().float()


def rotate_half(x):
    a, b = x.chunk(2, -1)
    return torch.cat([-b, a], -1)


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, h, hkv = c["dModel"], c["nHeads"], c["nKvHeads"]
        self.h, self.hkv, self.dh = h, hkv, d // h
        self.attn_norm = RMSNorm(d, c["rmsNormEps"])
        self.wq = nn.Linear(d, h * self.dh, bias=False)
        self.wk = nn.Linear(d, hkv * self.dh, bias=False)
        self.wv = nn.Linear(d, hkv * self.dh, bias=False)
        self.wo = nn.Linear(h * self.dh, d, bias=False)
        self.mlp_norm = RMSNorm(d, c["rmsNormEps"])
        self.w_gate = nn.Linear(d, c["dFf"], bias=False)
        self.w_up = nn.Linear(d, c["dFf"], bias=False)
        self.w_down = nn.Linear(c["dFf"], d, bias=False)

    def forward(self, x, cos, sin, cache=None, pos=0):
        """x [B, T, D]; cos/sin [T, Dh] for positions pos..pos+T-1; cache: (k, v) buffers [B, Hkv, capacity, Dh] or None."""
        b, t, _ = x.shape
        hn = self.attn_norm(x)
        q = self.wq(hn).view(b, t, self.h, self.dh).transpose(1, 2)
        k = self.wk(hn).view(b, t, self.hkv, self.dh).transpose(1, 2)
        v = self.wv(hn).view(b, t, self.hkv, self.dh).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        if cache is None:
            a = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
        else:
            # Write the new steps into the preallocated cache and attend to its filled prefix (a view, no copy); a
            # prefill (pos 0) is causal, a decode step (t = 1) sees every cached key.
            ck, cv = cache
            ck[:, :, pos:pos + t] = k
            cv[:, :, pos:pos + t] = v
            if pos > 0 and t > 1:
                raise ValueError("several new tokens after cached ones need an explicit mask")
            a = F.scaled_dot_product_attention(q, ck[:, :, :pos + t], cv[:, :, :pos + t], is_causal=pos == 0 and t > 1, enable_gqa=True)
        x = x + self.wo(a.transpose(1, 2).reshape(b, t, -1))
        m = self.mlp_norm(x)
        return x + self.w_down(F.silu(self.w_gate(m)) * self.w_up(m))


class Llama(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.embed = nn.Embedding(c["vocabSize"], c["dModel"])
        nn.init.normal_(self.embed.weight, std=0.02)
        self.layers = nn.ModuleList(Layer(c) for _ in range(c["nLayers"]))
        self.final_norm = RMSNorm(c["dModel"], c["rmsNormEps"])
        cos, sin = rope_tables(c["maxSeqLen"], c["dModel"] // c["nHeads"], c["ropeTheta"])
        self.register_buffer("cos", cos, persistent=False)
        self.register_buffer("sin", sin, persistent=False)

    def forward(self, tokens, caches=None, pos=0):
        t = tokens.shape[1]
        cos, sin = self.cos[pos:pos + t], self.sin[pos:pos + t]
        x = self.embed(tokens)
        for i, layer in enumerate(self.layers):
            x = layer(x, cos, sin, None if caches is None else caches[i], pos)
        return self.final_norm(x) @ self.embed.weight.T  # tied embeddings, as engine/model namedSizes


def new_cache(c, batch, capacity):
    dh = c["dModel"] // c["nHeads"]
    shape = (batch, c["nKvHeads"], capacity, dh)
    return [(torch.randn(shape) * 0.1, torch.randn(shape) * 0.1) for _ in range(c["nLayers"])]


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])

