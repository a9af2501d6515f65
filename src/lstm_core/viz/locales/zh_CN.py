"""简体中文: the text the figures draw, English (as the code writes it) -> Chinese.

Terms as in the book's glossary (输入门, 遗忘门, 输出门, 细胞状态, 窥视孔连接, ...); symbols,
HTML tags and equation numbers unchanged. Grouped by the module that draws them.
"""

STRINGS = {
    # lstm_core.viz.gates: gate_explorer (chapter 4)
    "One LSTM block, step by step": "一个 LSTM 块，逐步展开",
    "input x": "输入 x",
    "input-gate bias β<sub>ι</sub>": "输入门偏置 β<sub>ι</sub>",
    "forget-gate bias β<sub>φ</sub>": "遗忘门偏置 β<sub>φ</sub>",
    "output-gate bias β<sub>ω</sub>": "输出门偏置 β<sub>ω</sub>",
    "peepholes w<sub>cι</sub> = w<sub>cφ</sub> = w<sub>cω</sub>":
        "窥视孔连接 w<sub>cι</sub> = w<sub>cφ</sub> = w<sub>cω</sub>",
    "pulse": "脉冲",
    "step": "阶跃",
    "noise": "噪声",
    "deck": "课件序列",
    "input x<sup>t</sup>": "输入 x<sup>t</sup>",
    "gates: eqs (1), (2), (4)": "门：式 (1)、(2)、(4)",
    "cell state (3) and cell output (5)": "细胞状态 (3) 与细胞输出 (5)",
}
