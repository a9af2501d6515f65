"""简体中文: the text the figures draw, English (as the code writes it) -> Chinese.

Terms as in the book's glossary (输入门, 遗忘门, 输出门, 细胞状态, 窥视孔连接, ...); symbols,
HTML tags, maths (``$...$``) and equation numbers unchanged. Grouped by the module (or the
chapter) that draws them. ``STRINGS`` holds exact strings; ``PATTERNS`` strings with numbers
in them (``{n:d}`` an integer, ``{x:g}`` any number, ``{name}`` any text, translated in turn;
see :mod:`lstm_core.viz.i18n`).

A string listed with itself stays as it is (code names, units); a comma-separated list of
translated items is joined by ``LIST_SEPARATOR``.
"""

LIST_SEPARATOR = "、"

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
    # chapter 3: the explorer of vanishing and exploding gradients (built in the notebook)
    "Vanishing and exploding gradients in a tanh RNN": "tanh RNN 中的梯度消失与梯度爆炸",
    "spectral radius ρ": "谱半径 ρ",
    "input drive": "输入驱动",
    "distance t − k": "距离 t − k",
    "measured": "实测值",
    "bound ρ<sup>t−k</sup>": "上界 ρ<sup>t−k</sup>",
    "mean tanh′": "tanh′ 的均值",
    "mean tanh′(a)": "tanh′(a) 的均值",
    # lstm_core.viz.diagram (chapters 1-5)
    "in full": "完整形式",
    "simplified": "简化形式",
    "input sample\n(n-vector)": "输入样本\n（n 维向量）",
    "m neurons,\noutput (m-vector)": "m 个神经元，\n输出（m 维向量）",
    "peephole": "窥视孔连接",
    # lstm_core.viz.rnn (chapters 1-3) and the labels the chapters give it
    "relative error": "相对误差",
    "step $h$": "步长 $h$",
    "time step $t$": "时间步 $t$",
    "points on the bottom edge are exactly 0": "底边上的点恰好为 0",
    "distance $t - k$ (steps back in time)": "距离 $t - k$（沿时间回溯的步数）",
    r"bound $r = \rho$": r"上界 $r = \rho$",
    "vanishing": "梯度消失",
    "exploding": "梯度爆炸",
    "growth factor per step $r$": "每步增长因子 $r$",
    r"spectral radius $\rho$ of $R$": r"$R$ 的谱半径 $\rho$",
    "weak drive (0.01)": "弱输入驱动（0.01）",
    "drive 0.3": "输入驱动 0.3",
    "strong drive (1.0)": "强输入驱动（1.0）",
    # lstm_core.viz.gates (chapter 5) and the labels chapter 5 gives it
    "each term of eq (8) is one path: (local derivative) × (error)":
        "式 (8) 的每一项是一条路径：（局部导数）×（误差）",
    r"sum $= \epsilon_s^t$ (lstm_core)": r"总和 $= \epsilon_s^t$（lstm_core）",
    "term of eq (8)": "式 (8) 的项",
    r"$\|\varepsilon^t\|$, log scale": r"$\|\varepsilon^t\|$，对数坐标",
    "time step $t$ (the loss is read at the last step $T$)":
        "时间步 $t$（损失在最后一步 $T$ 读取）",
    "LSTM, no forget gate (1997)": "LSTM，无遗忘门 (1997)",
    # lstm_core.viz.training (chapters 6 and 8) and the labels the chapters give it
    "value": "数值",
    "marker": "标记",
    "input": "输入",
    "target": "目标",
    "updates": "更新次数",
    "validation success": "验证成功率",
    "minimal sequence length $T$": "最短序列长度 $T$",
    "test success rate": "测试成功率",
    r"input gate $b_\iota$": r"输入门 $b_\iota$",
    r"forget gate $b_\varphi$": r"遗忘门 $b_\varphi$",
    "cell state $s_c$": "细胞状态 $s_c$",
    "The LSTM during training (T = 100, seed 0), three best blocks":
        "训练中的 LSTM（T = 100，种子 0），最好的三个块",
    "after updates": "已更新次数",
    "test sequence": "测试序列",
    "input: value and marker": "输入：数值与标记",
    "input gates b<sub>ι</sub> (eq 1)": "输入门 b<sub>ι</sub>（式 1）",
    "forget gates b<sub>φ</sub> (eq 2)": "遗忘门 b<sub>φ</sub>（式 2）",
    "cell states s<sub>c</sub> (eq 3)": "细胞状态 s<sub>c</sub>（式 3）",
    "output y and target": "输出 y 与目标",
    "not solved": "未解决",
    "updates until 99 % of the validation sequences are right (log scale)":
        "直到 99 % 的验证序列正确所需的更新次数（对数坐标）",
    "LSTM (vanilla)": "LSTM（标准）",
    "no peepholes (NP)": "无窥视孔连接（NP）",
    "no forget gate (NFG)": "无遗忘门（NFG）",
    "LSTM, 2 layers": "LSTM，2 层",
    # lstm_core.viz.text (chapter 7)
    "bits per character": "每字符比特数",
    "held-out text": "留出文本",
    "uniform guess": "均匀猜测",
    "character frequencies": "字符频率",
    # lstm_core.viz.forecast (chapter 9) and the labels chapter 9 gives it
    "day of the year": "一年中的第几天",
    "temperature": "气温",
    "dew point": "露点",
    "relative humidity": "相对湿度",
    "pressure": "气压",
    "wind speed": "风速",
    "temperature (°C)": "气温 (°C)",
    "train": "训练",
    "valid": "验证",
    "test": "测试",
    "horizon step h (hours ahead)": "预测步 h（提前的小时数）",
    "persistence": "持续法",
    "seasonal naive": "季节性朴素法",
    "truth": "真实值",
    "1 hour ahead": "提前 1 小时",
    "Forecasts from one origin in the test period": "测试期内从同一起点出发的预测",
    "hours from the forecast origin": "距预测起点的小时数",
    "forecast origin": "预测起点",
    "Jan": "1月", "Feb": "2月", "Mar": "3月", "Apr": "4月", "May": "5月", "Jun": "6月",
    "Jul": "7月", "Aug": "8月", "Sep": "9月", "Oct": "10月", "Nov": "11月", "Dec": "12月",
    # lstm_core.viz.explorer: a heatmap's hover label (plotly's %{y}: the row)
    "line %{y}": "第 %{y} 行",
    # chapter 6's tables (lstm_core.viz.training.results_table)
    "minimal lag": "最小时间间隔",
    "LSTM test success": "LSTM 测试成功率",
    "LSTM solved": "LSTM 解决次数",
    "LSTM updates": "LSTM 更新次数",
    "RNN test success": "RNN 测试成功率",
    "RNN solved": "RNN 解决次数",
    "RNN updates": "RNN 更新次数",
    "block": "块",
    "b_ι at marked steps": "b_ι（标记步）",
    "b_ι elsewhere": "b_ι（其他步）",
    "b_φ elsewhere": "b_φ（其他步）",
    "corr(s_c at the end, X1 + X2)": "corr(最后一步的 s_c, X1 + X2)",
    # chapter 7's tables; its features are code names (corpus.python_char_features): kept
    "feature": "特征",
    "indent": "indent",
    "column": "column",
    "cell": "单元",
    "best for": "最相关的特征",
    "docstrings": "文档字符串",
    "comments": "注释",
    "other strings": "其他字符串",
    "leading spaces": "行首空格",
    "code in brackets": "括号内的代码",
    "other code": "其他代码",
    # chapter 8's tables
    "variant": "变体",
    "arrays checked": "检查的数组数",
    "largest relative error": "最大相对误差",
    "worst array": "误差最大的数组",
    "parameters": "参数个数",
    "solved (of 5)": "解决次数（共 5 次）",
    "median updates when solved": "解决时更新次数的中位数",
    "test success (mean)": "测试成功率（平均）",
    "multiply-adds per step": "每步乘加次数",
    "time per update": "每次更新耗时",
    # chapter 9's tables
    "model": "模型",
    "metric": "指标",
    "mean over h": "对 h 取平均",
    "split": "划分方式",
    "LSTM test MAE": "LSTM 测试 MAE",
    "persistence on the same test windows": "同一批测试窗口上的持续法",
    "LSTM / persistence": "LSTM / 持续法",
    "in time (honest), seeds 0–2": "按时间划分（诚实），种子 0–2",
    "random": "随机划分",
}

PATTERNS = {
    # lstm_core.viz.diagram
    "step ${t}$": "时间步 ${t}$",
    # lstm_core.viz.rnn
    "default h = {h:g}": "默认 h = {h}",
    "tolerance {tol:g}": "容差 {tol}",
    "{label}: {n:d} features × {T:d} steps": "{label}：{n} 个特征 × {T} 个时间步",
    # lstm_core.viz.gates (chapter 5's labels)
    "LSTM, forget-gate bias {b:g}": "LSTM，遗忘门偏置 {b}",
    "RNN, spectral radius {r:g}": "RNN，谱半径 {r}",
    # lstm_core.viz.training
    "one sequence of length {L:d}: target $0.5 + (X_1 + X_2)/4 = {y:g}$, wanted at the last step":
        "一条长度为 {L} 的序列：目标 $0.5 + (X_1 + X_2)/4 = {y}$，只在最后一步要求输出",
    "training loss\n(mean of {w:d} updates)": "训练损失\n（{w} 次更新的平均）",
    "constant guess ({p:g})": "常数猜测（{p}）",
    "block {n:d}": "记忆块 {n}",
    "target {t:g}, output {y:g}": "目标 {t}，输出 {y}",
    # lstm_core.viz.text
    "training windows (mean of {w:d})": "训练窗口（{w} 次更新的平均）",
    # lstm_core.viz.forecast and chapter 9's labels
    "hour, from step {s:d} (each feature standardised over the week)":
        "小时，从第 {s} 步起（每个特征在该周内标准化）",
    "{h:d} hours ahead": "提前 {h} 小时",
    "the {n:d} input steps": "{n} 个输入步",
    "{model} (seed {k:d})": "{model}（种子 {k}）",
    "{day:d} {month}, {hour:d}:00": "{month}{day}日 {hour}:00",
    # the tables of chapters 6-9 (lstm_core.viz.training.results_table)
    "{k:d} of {n:d}": "{k}/{n}",
    "{t:g} ms": "{t} ms",
    "layer {l:d}: cell": "第 {l} 层：单元",
    "layer {l:d}: correlation": "第 {l} 层：相关系数",
    "layer {l:d}, cell {j:d}": "第 {l} 层第 {j} 个单元",
    # chapter 7's coloured text (lstm_core.viz.text.activation_html): the titles it gives
    "layer {l:d}, cell {j:d}, the best cell for {a} and {b} "
    "(correlation {ca:g} with {a2}, {cb:g} with {b2} over the whole module)":
        "第 {l} 层第 {j} 个单元，与 {a} 和 {b} 最相关的单元"
        "（在整个模块上，与 {a2} 的相关系数为 {ca}，与 {b2} 的为 {cb}）",
    "layer {l:d}, cell {j:d}, the best cell for {a} "
    "(correlation {ca:g} with {a2} over the whole module)":
        "第 {l} 层第 {j} 个单元，与 {a} 最相关的单元（在整个模块上，与 {a2} 的相关系数为 {ca}）",
}
