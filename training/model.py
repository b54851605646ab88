"""A small U-Net for trace segmentation.

Plain 3x3 convolutions: on Debian's torch 1.13 CPU build a depthwise-separable
U-Net of a quarter of the parameters trained 6x slower per crop (depthwise
backward passes are not vectorised there), and training time is the limit.
"""
import torch
from torch import nn
import torch.nn.functional as F


class Conv(nn.Module):
    """3x3 convolution, batch norm, ReLU."""

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.c = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return F.relu(self.bn(self.c(x)))


class SegNet(nn.Module):
    """4 levels (1, 1/2, 1/4, 1/8) of `widths` channels; `classes` logits per pixel."""

    def __init__(self, widths=(8, 16, 32, 48), classes: int = 4):
        super().__init__()
        w0, w1, w2, w3 = widths
        self.e0 = nn.Sequential(Conv(3, w0), Conv(w0, w0))
        self.e1 = nn.Sequential(Conv(w0, w1), Conv(w1, w1))
        self.e2 = nn.Sequential(Conv(w1, w2), Conv(w2, w2))
        self.e3 = nn.Sequential(Conv(w2, w3), Conv(w3, w3))
        self.d2 = nn.Sequential(Conv(w3 + w2, w2), Conv(w2, w2))
        self.d1 = nn.Sequential(Conv(w2 + w1, w1), Conv(w1, w1))
        self.d0 = Conv(w1 + w0, w0)
        self.head = nn.Conv2d(w0, classes, 1)

    def forward(self, x):
        x0 = self.e0(x)
        x1 = self.e1(F.max_pool2d(x0, 2))
        x2 = self.e2(F.max_pool2d(x1, 2))
        x3 = self.e3(F.max_pool2d(x2, 2))
        y = self.d2(torch.cat([F.interpolate(x3, scale_factor=2.0, mode="nearest"), x2], 1))
        y = self.d1(torch.cat([F.interpolate(y, scale_factor=2.0, mode="nearest"), x1], 1))
        y = self.d0(torch.cat([F.interpolate(y, scale_factor=2.0, mode="nearest"), x0], 1))
        return self.head(y)


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
