# ruff: noqa: E501  (the tutor's messages are keys: kept whole on a line, searchable)
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
SEMICOLON_SEPARATOR = "；"

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
    "medium drive (0.3)": "中等输入驱动（0.3）",
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
    "minimal sequence length $T$": "最小序列长度 $T$",
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
    # the alt text of the diagrams (their figure's label, lstm_core.viz.figures_i18n)
    "diagram of the LSTM block": "LSTM 块示意图",
    "diagram of the LSTM block, unrolled in time": "沿时间展开的 LSTM 块示意图",
    "the five paths of eq (8) as a computation graph": "式 (8) 的五条路径（计算图）",
    "diagram of a layer of neurons, in full and simplified": "一层神经元的示意图：完整形式与简化形式",
    "learning curves: training loss and validation success against updates, one column per "
    "sequence length": "学习曲线：训练损失与验证成功率随更新次数的变化，每列一个序列长度",
    "a trained LSTM on one sequence: the input, the input and forget gates and the cell state "
    "of some blocks": "训练好的 LSTM 在一条序列上：输入，以及若干记忆块的输入门、遗忘门和细胞状态",
    "the target over the whole series with its parts, and one week of every feature, "
    "standardised": "整个序列上的目标量及其划分，以及各特征标准化后的一周",
    "forecasts against the truth": "预测与真实值对比",
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
    # ---- lstm_core.tutor ----
    # lstm_core.tutor: the answer's mark and the messages without computed parts
    "✓ right": "✓ 正确",
    "✗ not yet": "✗ 还不对",
    "not implemented yet: fill in the body of the function and run the check again.":
        "尚未实现：请补全函数体，然后重新运行检查。",
    "the outputs come in the wrong order: return (h, s), the cell output b_c^t first, then the state s_c^t.":
        "输出的顺序反了：应返回 (h, s)，先是细胞输出 b_c^t，然后是状态 s_c^t。",
    # lstm_core.tutor: the cases (joined by "; " in the answer that all is right)
    "one sample": "单个样本",
    "a batch of 4": "4 个样本的批量",
    "the last step t = T (δ^{T+1} = 0), one sequence": "最后一步 t = T（δ^{T+1} = 0），单条序列",
    "a middle step, a batch of 3": "中间某一步，3 个样本的批量",
    "a single step T = 1": "单个时间步 T = 1",
    "T = 4 steps, a batch of 3": "T = 4 个时间步，3 个样本的批量",
    "one block, zero peepholes": "一个记忆块，窥视孔连接为零",
    "H = 3 blocks with peepholes, a batch of 2": "H = 3 个带窥视孔连接的记忆块，2 个样本的批量",
    "the last step t = T (nothing from t+1), one block": "最后一步 t = T（没有来自 t+1 的量），一个记忆块",
    "a middle step with zero peepholes": "中间某一步，窥视孔连接为零",
    "a middle step with peepholes, H = 3, a batch of 2": "中间某一步，带窥视孔连接，H = 3，2 个样本的批量",
    "a single step T = 1, one sequence": "单个时间步 T = 1，单条序列",
    "T = 4 steps, a batch of 3, H = 2": "T = 4 个时间步，3 个样本的批量，H = 2",
    # lstm_core.tutor: the outputs' symbols that have words in them
    "∂L/∂W at step t": "第 t 步的 ∂L/∂W",
    "∂L/∂R at step t": "第 t 步的 ∂L/∂R",
    "∂L/∂β at step t": "第 t 步的 ∂L/∂β",
    "ε_c^t, eq (6)": "ε_c^t，式 (6)",
    "δ_ω^t, eq (7)": "δ_ω^t，式 (7)",
    "ε_s^t, eq (8)": "ε_s^t，式 (8)",
    "δ_ι^t, eq (9)": "δ_ι^t，式 (9)",
    "δ_φ^t, eq (10)": "δ_φ^t，式 (10)",
    "δ_c^t, eq (11)": "δ_c^t，式 (11)",
    "∂L/∂W, eq (12)": "∂L/∂W，式 (12)",
    "∂L/∂R, eq (12)": "∂L/∂R，式 (12)",
    "∂L/∂β, eq (12)": "∂L/∂β，式 (12)",
    "∂L/∂p (w_cι, w_cφ, w_cω), eq (12)": "∂L/∂p (w_cι, w_cφ, w_cω)，式 (12)",
    # lstm_core.tutor.dense_checks: the mistakes it names (chapter 1)
    "δ is missing the factor θ'(a) = 1 − y²: δ_j = θ'(a_j) ∂L/∂y_j, not ∂L/∂y_j.":
        "δ 缺少因子 θ'(a) = 1 − y²：δ_j = θ'(a_j) ∂L/∂y_j，而不是 ∂L/∂y_j。",
    "δ uses θ(a) = y where θ'(a) = 1 − y² belongs (tanh' = 1 − tanh²).":
        "δ 在该用 θ'(a) = 1 − y² 的地方用了 θ(a) = y（tanh' = 1 − tanh²）。",
    "δ uses 1 − y where θ'(a) = 1 − y² belongs: the square is missing.":
        "δ 在该用 θ'(a) = 1 − y² 的地方用了 1 − y：少了平方。",
    "δ uses the sigmoid's derivative y(1 − y); this layer squashes with tanh, θ'(a) = 1 − y².":
        "δ 用了 sigmoid 的导数 y(1 − y)；这一层的压缩函数是 tanh，θ'(a) = 1 − y²。",
    "∂L/∂W is built from ∂L/∂y where it needs δ = θ'(a) ∂L/∂y: δᵀ x.":
        "∂L/∂W 由 ∂L/∂y 算出，而它需要的是 δ = θ'(a) ∂L/∂y：δᵀ x。",
    "∂L/∂β is built from ∂L/∂y where it needs δ = θ'(a) ∂L/∂y: Σ_batch δ.":
        "∂L/∂β 由 ∂L/∂y 算出，而它需要的是 δ = θ'(a) ∂L/∂y：Σ_batch δ。",
    "∂L/∂x is built from ∂L/∂y where it needs δ = θ'(a) ∂L/∂y: δ W.":
        "∂L/∂x 由 ∂L/∂y 算出，而它需要的是 δ = θ'(a) ∂L/∂y：δ W。",
    "∂L/∂W keeps only the last sample's term: the gradient sums δ_j x_i over the batch.":
        "∂L/∂W 只保留了最后一个样本的那一项：梯度是 δ_j x_i 对批量的求和。",
    # lstm_core.tutor.rnn_checks: the mistakes it names in an RNN step's backward pass (chapter 2)
    "ε^t is missing Rᵀ δ^{t+1}, the error carried back from step t+1: ε^t = dh^t + Rᵀ δ^{t+1} (`delta_next @ R`).":
        "ε^t 缺少 Rᵀ δ^{t+1}，即从时间步 t+1 传回的误差：ε^t = dh^t + Rᵀ δ^{t+1}（`delta_next @ R`）。",
    "ε^t uses R where Rᵀ belongs: for a batch of row vectors Rᵀ δ^{t+1} is `delta_next @ R`, not `delta_next @ R.T`.":
        "ε^t 在该用 Rᵀ 的地方用了 R：对由行向量组成的批量，Rᵀ δ^{t+1} 写作 `delta_next @ R`，"
        "而不是 `delta_next @ R.T`。",
    "ε^t is missing dh^t, the error from the output layer at step t: ε^t = dh^t + Rᵀ δ^{t+1}.":
        "ε^t 缺少 dh^t，即时间步 t 上来自输出层的误差：ε^t = dh^t + Rᵀ δ^{t+1}。",
    "ε^t subtracts the carry Rᵀ δ^{t+1}; both terms of ε^t = dh^t + Rᵀ δ^{t+1} enter with +.":
        "ε^t 减去了传回的项 Rᵀ δ^{t+1}；ε^t = dh^t + Rᵀ δ^{t+1} 的两项都以 + 号计入。",
    "δ^t is built from dh^t alone: δ^t = (1 − (h^t)²) ⊙ ε^t needs all of ε^t = dh^t + Rᵀ δ^{t+1}.":
        "δ^t 只由 dh^t 算出：δ^t = (1 − (h^t)²) ⊙ ε^t 需要完整的 ε^t = dh^t + Rᵀ δ^{t+1}。",
    "δ^t is missing the factor tanh'(a^t) = 1 − (h^t)²: δ^t = (1 − (h^t)²) ⊙ ε^t.":
        "δ^t 缺少因子 tanh'(a^t) = 1 − (h^t)²：δ^t = (1 − (h^t)²) ⊙ ε^t。",
    "δ^t uses tanh(a^t) = h^t where tanh'(a^t) = 1 − (h^t)² belongs: δ^t = (1 − (h^t)²) ⊙ ε^t.":
        "δ^t 在该用 tanh'(a^t) = 1 − (h^t)² 的地方用了 tanh(a^t) = h^t：δ^t = (1 − (h^t)²) ⊙ ε^t。",
    "δ^t uses 1 − (h^{t−1})², the derivative at step t−1; δ^t = (1 − (h^t)²) ⊙ ε^t needs 1 − (h^t)².":
        "δ^t 用了 1 − (h^{t−1})²，即时间步 t−1 处的导数；δ^t = (1 − (h^t)²) ⊙ ε^t 需要的是 1 − (h^t)²。",
    "δ^t uses the sigmoid's derivative h(1 − h); the RNN squashes with tanh: δ^t = (1 − (h^t)²) ⊙ ε^t.":
        "δ^t 用了 sigmoid 的导数 h(1 − h)；这个 RNN 的压缩函数是 tanh：δ^t = (1 − (h^t)²) ⊙ ε^t。",
    "δ^t uses 1 − h^t where 1 − (h^t)² belongs: the square is missing.":
        "δ^t 在该用 1 − (h^t)² 的地方用了 1 − h^t：少了平方。",
    "∂L/∂W is built from ε^t where it needs δ^t: δ^t (x^t)ᵀ.":
        "∂L/∂W 由 ε^t 算出，而它需要的是 δ^t：δ^t (x^t)ᵀ。",
    "∂L/∂R uses h^t where it needs h^{t−1}: δ^t (h^{t−1})ᵀ -- R carries h^{t−1} into step t.":
        "∂L/∂R 在需要 h^{t−1} 的地方用了 h^t：δ^t (h^{t−1})ᵀ——R 把 h^{t−1} 带入时间步 t。",
    "∂L/∂R is transposed: (h^{t−1}) (δ^t)ᵀ is ∂L/∂Rᵀ; ∂L/∂R = δ^t (h^{t−1})ᵀ, `delta.T @ h_prev`.":
        "∂L/∂R 被转置了：(h^{t−1}) (δ^t)ᵀ 是 ∂L/∂Rᵀ；∂L/∂R = δ^t (h^{t−1})ᵀ，即 `delta.T @ h_prev`。",
    "∂L/∂R is built from ε^t where it needs δ^t: δ^t (h^{t−1})ᵀ.":
        "∂L/∂R 由 ε^t 算出，而它需要的是 δ^t：δ^t (h^{t−1})ᵀ。",
    "∂L/∂β sums ε^t where it needs δ^t.": "∂L/∂β 对 ε^t 求和，而它需要的是 δ^t。",
    # lstm_core.tutor.rnn_checks: the mistakes it names in BPTT (chapter 2)
    "δ^t has no carry from step t+1: ε^t = dh^t + Rᵀ δ^{t+1}, so pass `delta[t] @ R` back to step t−1.":
        "δ^t 没有来自时间步 t+1 的传回项：ε^t = dh^t + Rᵀ δ^{t+1}，所以要把 `delta[t] @ R` 传回时间步 t−1。",
    "the carry Rᵀ δ^{t+1} uses R where Rᵀ belongs: for rows of a batch it is `delta[t+1] @ R`, not `@ R.T`.":
        "传回项 Rᵀ δ^{t+1} 在该用 Rᵀ 的地方用了 R：对批量的各行，它写作 `delta[t+1] @ R`，而不是 `@ R.T`。",
    "the carry passes Rᵀ ε^{t+1} back where ε^t = dh^t + Rᵀ δ^{t+1} needs δ^{t+1}: "
    "the factor 1 − (h^{t+1})² of step t+1 is missing.":
        "传回的是 Rᵀ ε^{t+1}，而 ε^t = dh^t + Rᵀ δ^{t+1} 需要的是 δ^{t+1}：少了时间步 t+1 的因子 1 − (h^{t+1})²。",
    "the loop runs forward in time: δ^t needs δ^{t+1}, so go from t = T down to t = 1.":
        "循环沿时间正向进行：δ^t 需要 δ^{t+1}，所以要从 t = T 倒着走到 t = 1。",
    "δ^t uses 1 − (h^{t−1})², the derivative at the previous step; δ^t = (1 − (h^t)²) ⊙ ε^t.":
        "δ^t 用了 1 − (h^{t−1})²，即上一时间步的导数；δ^t = (1 − (h^t)²) ⊙ ε^t。",
    "δ^t uses tanh(a^t) = h^t where tanh'(a^t) = 1 − (h^t)² belongs.":
        "δ^t 在该用 tanh'(a^t) = 1 − (h^t)² 的地方用了 tanh(a^t) = h^t。",
    "∂L/∂R uses h^t where it needs h^{t−1}: ∂L/∂R = Σ_t δ^t (h^{t−1})ᵀ.":
        "∂L/∂R 在需要 h^{t−1} 的地方用了 h^t：∂L/∂R = Σ_t δ^t (h^{t−1})ᵀ。",
    "∂L/∂R is missing step 1's term δ^1 (h^0)ᵀ: h^0 is h0, the initial state, not zero.":
        "∂L/∂R 缺少第 1 步的项 δ^1 (h^0)ᵀ：h^0 就是 h0，即初始状态，而不是零。",
    "the weight gradients keep only step 1's term (the last the loop visits): the gradient of a "
    "shared weight is the sum over all steps, accumulate with +=.":
        "权重梯度只保留了第 1 步的项（循环最后访问的一步）：共享权重的梯度是对所有时间步的求和，请用 += 累加。",
    "the weight gradients keep only step T's term: the gradient of a shared weight is the sum over "
    "all steps, accumulate with +=.":
        "权重梯度只保留了第 T 步的项：共享权重的梯度是对所有时间步的求和，请用 += 累加。",
    # lstm_core.tutor.lstm_checks: the mistakes it names in the LSTM step forward, (1)-(5) (chapter 4)
    "the output gate's peephole reads s_c^{t−1}; (4) needs the new state s_c^t: "
    "a_ω^t = … + w_cω s_c^t, computed after (3).":
        "输出门的窥视孔连接读取的是 s_c^{t−1}；式 (4) 需要新的状态 s_c^t：a_ω^t = … + w_cω s_c^t，在 (3) 之后计算。",
    "b_c^t is missing the squash h: (5) is b_c^t = b_ω^t h(s_c^t), not b_ω^t s_c^t.":
        "b_c^t 缺少压缩函数 h：式 (5) 是 b_c^t = b_ω^t h(s_c^t)，而不是 b_ω^t s_c^t。",
    "b_c^t uses h(s_c^{t−1}); (5) needs the new state: b_c^t = b_ω^t h(s_c^t).":
        "b_c^t 用了 h(s_c^{t−1})；式 (5) 需要新的状态：b_c^t = b_ω^t h(s_c^t)。",
    "s_c^t adds b_ι^t a_c^t: the cell input must be squashed first, (3) adds b_ι^t g(a_c^t).":
        "s_c^t 加上的是 b_ι^t a_c^t：细胞输入必须先经过压缩，式 (3) 加上的是 b_ι^t g(a_c^t)。",
    "the cell input is squashed with the sigmoid f; in (3) g is tanh: g(a_c^t) ∈ (−1, 1).":
        "细胞输入用 sigmoid f 压缩了；在式 (3) 中 g 是 tanh：g(a_c^t) ∈ (−1, 1)。",
    "the gates are squashed with tanh; (1), (2) and (4) squash with the sigmoid f, so that each "
    "gate lies in (0, 1).":
        "门用 tanh 压缩了；式 (1)、(2) 和 (4) 用 sigmoid f 压缩，使每个门都落在 (0, 1) 之内。",
    "(3) has the gates swapped: s_c^t = b_φ^t s_c^{t−1} + b_ι^t g(a_c^t) -- the forget gate keeps the "
    "old state, the input gate admits the new input.":
        "式 (3) 中两个门对调了：s_c^t = b_φ^t s_c^{t−1} + b_ι^t g(a_c^t)——遗忘门保留旧状态，输入门放入新输入。",
    "(3) keeps (1 − b_φ^t) s_c^{t−1}; b_φ^t is the fraction kept: "
    "s_c^t = b_φ^t s_c^{t−1} + b_ι^t g(a_c^t).":
        "式 (3) 保留的是 (1 − b_φ^t) s_c^{t−1}；b_φ^t 本身就是保留的比例：s_c^t = b_φ^t s_c^{t−1} + b_ι^t g(a_c^t)。",
    "(3) carries b_c^{t−1} (h_prev) where it needs the cell state s_c^{t−1} (s_prev).":
        "式 (3) 传递的是 b_c^{t−1}（h_prev），而它需要的是细胞状态 s_c^{t−1}（s_prev）。",
    "the input and forget gates are read from each other's rows: W, R and β are stacked in the "
    "order (ι, φ, c, ω).":
        "输入门和遗忘门读取了对方的行：W、R 和 β 按 (ι, φ, c, ω) 的顺序堆叠。",
    "the blocks are read in the order (ι, φ, ω, c); W, R and β are stacked (ι, φ, c, ω), PyTorch's order.":
        "各块是按 (ι, φ, ω, c) 的顺序读取的；W、R 和 β 按 (ι, φ, c, ω) 堆叠，即 PyTorch 的顺序。",
    "the biases β are missing from the net inputs (1)-(4).": "净输入 (1)-(4) 中缺少偏置 β。",
    "the recurrent sums Σ_h w_hj b_h^{t−1} are missing from (1)-(4): `h_prev @ R_j.T`.":
        "式 (1)-(4) 中缺少循环求和项 Σ_h w_hj b_h^{t−1}：`h_prev @ R_j.T`。",
    "the recurrent sums use R_j where R_jᵀ belongs: Σ_h w_hj b_h^{t−1} is `h_prev @ R_j.T`.":
        "循环求和项在该用 R_jᵀ 的地方用了 R_j：Σ_h w_hj b_h^{t−1} 写作 `h_prev @ R_j.T`。",
    "the peephole terms w_cι s_c^{t−1}, w_cφ s_c^{t−1} and w_cω s_c^t are missing from (1), (2) and (4).":
        "式 (1)、(2) 和 (4) 中缺少窥视孔连接项 w_cι s_c^{t−1}、w_cφ s_c^{t−1} 和 w_cω s_c^t。",
    "the peepholes w_cι and w_cφ are swapped: `params.p` has the rows (ι, φ, ω).":
        "窥视孔连接 w_cι 和 w_cφ 对调了：`params.p` 的各行依次是 (ι, φ, ω)。",
    # lstm_core.tutor.lstm_checks: the mistakes it names in the LSTM step backward, (6)-(11) (chapter 5)
    "ε_c^t is missing the second sum of (6), Σ_g w_cg δ_g^{t+1}: the error from this layer's "
    "gates at step t+1 (`delta_next @ params.R`).":
        "ε_c^t 缺少式 (6) 的第二个求和 Σ_g w_cg δ_g^{t+1}：即来自本层各门在时间步 t+1 的误差（`delta_next @ params.R`）。",
    "ε_c^t is missing the first sum of (6), Σ_k w_ck δ_k^t: the error from the layer above (`dh`).":
        "ε_c^t 缺少式 (6) 的第一个求和 Σ_k w_ck δ_k^t：即来自上一层的误差（`dh`）。",
    "ε_c^t subtracts Σ_g w_cg δ_g^{t+1}; both sums of (6) enter with +.":
        "ε_c^t 减去了 Σ_g w_cg δ_g^{t+1}；式 (6) 的两个求和都以 + 号计入。",
    "ε_c^t takes Σ_g w_cg δ_g^{t+1} over the output gate only; g runs over all four "
    "(ι, φ, c, ω): `delta_next @ params.R`.":
        "ε_c^t 中的 Σ_g w_cg δ_g^{t+1} 只对输出门求和；g 应遍历全部四个 (ι, φ, c, ω)：`delta_next @ params.R`。",
    "δ_ω^t uses s_c^t where (7) needs h(s_c^t): δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t.":
        "δ_ω^t 用了 s_c^t，而式 (7) 需要 h(s_c^t)：δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t。",
    "δ_ω^t uses h(s_c^{t−1}); (7) needs the new state: δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t.":
        "δ_ω^t 用了 h(s_c^{t−1})；式 (7) 需要新的状态：δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t。",
    "δ_ω^t uses h'(s_c^t) where (7) needs h(s_c^t): the output gate multiplies h(s_c^t) in (5).":
        "δ_ω^t 用了 h'(s_c^t)，而式 (7) 需要 h(s_c^t)：在式 (5) 中输出门乘的是 h(s_c^t)。",
    "δ_ω^t is missing the factor h(s_c^t) of (7): δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t.":
        "δ_ω^t 缺少式 (7) 中的因子 h(s_c^t)：δ_ω^t = f'(a_ω^t) h(s_c^t) ε_c^t。",
    "ε_s^t is missing all three peephole paths, w_cι δ_ι^{t+1}, w_cφ δ_φ^{t+1} and w_cω δ_ω^t.":
        "ε_s^t 缺少全部三条窥视孔连接路径：w_cι δ_ι^{t+1}、w_cφ δ_φ^{t+1} 和 w_cω δ_ω^t。",
    "ε_s^t's carousel uses b_φ^t where (8) needs b_φ^{t+1}: the forget gate that carries s_c^t "
    "into s_c^{t+1} is the one of step t+1.":
        "ε_s^t 的传送带项用了 b_φ^t，而式 (8) 需要 b_φ^{t+1}：把 s_c^t 带入 s_c^{t+1} 的是时间步 t+1 的遗忘门。",
    "ε_s^t's path through the output gate's peephole uses δ_ω^{t+1} where (8) needs δ_ω^t: the "
    "output gate peeps at the new state s_c^t, in the same step.":
        "ε_s^t 中经输出门窥视孔连接的路径用了 δ_ω^{t+1}，而式 (8) 需要 δ_ω^t：输出门在同一时间步窥视新的状态 s_c^t。",
    "ε_s^t has an extra term w_cω δ_ω^{t+1}: the output gate of step t+1 peeps at s_c^{t+1}, not at s_c^t.":
        "ε_s^t 多了一项 w_cω δ_ω^{t+1}：时间步 t+1 的输出门窥视的是 s_c^{t+1}，而不是 s_c^t。",
    "ε_s^t's path 1 uses h(s_c^t) where (8) needs h'(s_c^t) = 1 − h(s_c^t)².":
        "ε_s^t 的路径 1 用了 h(s_c^t)，而式 (8) 需要 h'(s_c^t) = 1 − h(s_c^t)²。",
    "ε_s^t's path 1 is missing the factor b_ω^t: b_c^t = b_ω^t h(s_c^t), so ∂b_c^t/∂s_c^t = b_ω^t h'(s_c^t).":
        "ε_s^t 的路径 1 缺少因子 b_ω^t：b_c^t = b_ω^t h(s_c^t)，所以 ∂b_c^t/∂s_c^t = b_ω^t h'(s_c^t)。",
    "ε_s^t swaps the peepholes w_cι and w_cφ: `params.p` has the rows (ι, φ, ω).":
        "ε_s^t 把窥视孔连接 w_cι 和 w_cφ 对调了：`params.p` 的各行依次是 (ι, φ, ω)。",
    # the terms of (8) that ε_s^t can miss (see PATTERNS)
    "path 1 through the cell output, b_ω^t h'(s_c^t) ε_c^t": "经细胞输出的路径 1：b_ω^t h'(s_c^t) ε_c^t",
    "the carousel b_φ^{t+1} ε_s^{t+1} (the carry from step t+1)":
        "传送带项 b_φ^{t+1} ε_s^{t+1}（从时间步 t+1 传回的量）",
    "the path through the input gate's peephole at t+1, w_cι δ_ι^{t+1}":
        "经时间步 t+1 输入门窥视孔连接的路径：w_cι δ_ι^{t+1}",
    "the path through the forget gate's peephole at t+1, w_cφ δ_φ^{t+1}":
        "经时间步 t+1 遗忘门窥视孔连接的路径：w_cφ δ_φ^{t+1}",
    "the path through the output gate's peephole, w_cω δ_ω^t": "经输出门窥视孔连接的路径：w_cω δ_ω^t",
    "δ_ι^t uses a_c^t where (9) needs g(a_c^t): δ_ι^t = f'(a_ι^t) g(a_c^t) ε_s^t.":
        "δ_ι^t 用了 a_c^t，而式 (9) 需要 g(a_c^t)：δ_ι^t = f'(a_ι^t) g(a_c^t) ε_s^t。",
    "δ_ι^t uses ε_c^t where (9) needs ε_s^t: the input gate reaches the loss through s_c^t.":
        "δ_ι^t 用了 ε_c^t，而式 (9) 需要 ε_s^t：输入门是经由 s_c^t 影响损失的。",
    "δ_ι^t uses s_c^{t−1} where (9) needs g(a_c^t): the input gate scales the cell input.":
        "δ_ι^t 用了 s_c^{t−1}，而式 (9) 需要 g(a_c^t)：输入门缩放的是细胞输入。",
    "δ_φ^t uses s_c^t where (10) needs s_c^{t−1}: δ_φ^t = f'(a_φ^t) s_c^{t−1} ε_s^t -- the forget "
    "gate scales the old state.":
        "δ_φ^t 用了 s_c^t，而式 (10) 需要 s_c^{t−1}：δ_φ^t = f'(a_φ^t) s_c^{t−1} ε_s^t——遗忘门缩放的是旧状态。",
    "δ_φ^t uses ε_c^t where (10) needs ε_s^t.": "δ_φ^t 用了 ε_c^t，而式 (10) 需要 ε_s^t。",
    "δ_φ^t uses g(a_c^t) where (10) needs s_c^{t−1}: the forget gate scales the old state.":
        "δ_φ^t 用了 g(a_c^t)，而式 (10) 需要 s_c^{t−1}：遗忘门缩放的是旧状态。",
    "δ_φ^t uses ε_s^{t+1} where (10) needs ε_s^t.": "δ_φ^t 用了 ε_s^{t+1}，而式 (10) 需要 ε_s^t。",
    "δ_c^t uses g(a_c^t) where (11) needs g'(a_c^t) = 1 − g(a_c^t)²: δ_c^t = b_ι^t g'(a_c^t) ε_s^t.":
        "δ_c^t 用了 g(a_c^t)，而式 (11) 需要 g'(a_c^t) = 1 − g(a_c^t)²：δ_c^t = b_ι^t g'(a_c^t) ε_s^t。",
    "δ_c^t computes g'(a_c^t) as 1 − (a_c^t)²: tanh' = 1 − tanh², take g(a_c^t), not the net input.":
        "δ_c^t 把 g'(a_c^t) 算成了 1 − (a_c^t)²：tanh' = 1 − tanh²，应代入 g(a_c^t)，而不是净输入。",
    "δ_c^t uses the sigmoid's derivative g(1 − g); the cell input squashes with tanh: g' = 1 − g².":
        "δ_c^t 用了 sigmoid 的导数 g(1 − g)；细胞输入的压缩函数是 tanh：g' = 1 − g²。",
    "δ_c^t uses f'(a_ι^t) where (11) needs b_ι^t = f(a_ι^t): the input gate multiplies g(a_c^t) in (3).":
        "δ_c^t 用了 f'(a_ι^t)，而式 (11) 需要 b_ι^t = f(a_ι^t)：在式 (3) 中输入门乘的是 g(a_c^t)。",
    "δ_c^t is missing the factor b_ι^t of (11): δ_c^t = b_ι^t g'(a_c^t) ε_s^t.":
        "δ_c^t 缺少式 (11) 中的因子 b_ι^t：δ_c^t = b_ι^t g'(a_c^t) ε_s^t。",
    "δ_c^t is missing the factor g'(a_c^t) = 1 − g(a_c^t)² of (11).":
        "δ_c^t 缺少式 (11) 中的因子 g'(a_c^t) = 1 − g(a_c^t)²。",
    "δ_c^t uses ε_c^t where (11) needs ε_s^t: the cell input reaches the loss through s_c^t.":
        "δ_c^t 用了 ε_c^t，而式 (11) 需要 ε_s^t：细胞输入是经由 s_c^t 影响损失的。",
    # lstm_core.tutor.lstm_checks: the mistakes it names in the weight gradients (12) (chapter 5)
    "∂L/∂R uses b^t where (12) needs b^{t−1}: ∂L/∂R = Σ_t δ^t (b^{t−1})ᵀ -- R carries the previous "
    "output into step t.":
        "∂L/∂R 用了 b^t，而式 (12) 需要 b^{t−1}：∂L/∂R = Σ_t δ^t (b^{t−1})ᵀ——R 把上一步的输出带入时间步 t。",
    "∂L/∂R is missing step 1's term δ^1 (b^0)ᵀ: b^0 is h0, the initial output.":
        "∂L/∂R 缺少第 1 步的项 δ^1 (b^0)ᵀ：b^0 就是 h0，即初始输出。",
    "∂L/∂w_cι and ∂L/∂w_cφ use s_c^t where (12) needs s_c^{t−1}: the input and forget gates peep at "
    "the old state.":
        "∂L/∂w_cι 和 ∂L/∂w_cφ 用了 s_c^t，而式 (12) 需要 s_c^{t−1}：输入门和遗忘门窥视的是旧状态。",
    "∂L/∂w_cω uses s_c^{t−1} where (12) needs s_c^t: the output gate peeps at the new state.":
        "∂L/∂w_cω 用了 s_c^{t−1}，而式 (12) 需要 s_c^t：输出门窥视的是新状态。",
    "∂L/∂w_cω uses δ_c (block 2 of δ) where it needs δ_ω (block 3): the blocks of δ are (ι, φ, c, ω), "
    "the rows of p are (ι, φ, ω).":
        "∂L/∂w_cω 用了 δ_c（δ 的第 2 块），而它需要 δ_ω（第 3 块）：δ 的各块依次是 (ι, φ, c, ω)，p 的各行依次是 (ι, φ, ω)。",
    "the gradients keep only step 1's term (the last a backward loop visits): (12) sums over all "
    "steps, accumulate with +=.":
        "梯度只保留了第 1 步的项（反向循环最后访问的一步）：式 (12) 是对所有时间步的求和，请用 += 累加。",
    "the gradients keep only step T's term: (12) sums over all steps, accumulate with +=.":
        "梯度只保留了第 T 步的项：式 (12) 是对所有时间步的求和，请用 += 累加。",
    # the gate derivative of (7), (9), (10) in δ_ω^t
    "δ_ω^t uses f(a_ω^t) = b_ω^t where (7) needs f'(a_ω^t) = b_ω^t (1 − b_ω^t).":
        "δ_ω^t 用了 f(a_ω^t) = b_ω^t，而式 (7) 需要 f'(a_ω^t) = b_ω^t (1 − b_ω^t)。",
    "δ_ω^t computes f'(a_ω^t) as a_ω^t (1 − a_ω^t): f'(a) = f(a)(1 − f(a)) takes the activation b_ω^t, not the net input.":
        "δ_ω^t 把 f'(a_ω^t) 算成了 a_ω^t (1 − a_ω^t)：f'(a) = f(a)(1 − f(a)) 中代入的是激活值 b_ω^t，而不是净输入。",
    "δ_ω^t is missing the factor f'(a_ω^t) = b_ω^t (1 − b_ω^t) of (7).":
        "δ_ω^t 缺少式 (7) 中的因子 f'(a_ω^t) = b_ω^t (1 − b_ω^t)。",
    "δ_ω^t uses the tanh derivative 1 − (b_ω^t)²; the gate is a sigmoid: f'(a_ω^t) = b_ω^t (1 − b_ω^t).":
        "δ_ω^t 用了 tanh 的导数 1 − (b_ω^t)²；门是 sigmoid：f'(a_ω^t) = b_ω^t (1 − b_ω^t)。",
    # the gate derivative of (7), (9), (10) in δ_ι^t
    "δ_ι^t uses f(a_ι^t) = b_ι^t where (9) needs f'(a_ι^t) = b_ι^t (1 − b_ι^t).":
        "δ_ι^t 用了 f(a_ι^t) = b_ι^t，而式 (9) 需要 f'(a_ι^t) = b_ι^t (1 − b_ι^t)。",
    "δ_ι^t computes f'(a_ι^t) as a_ι^t (1 − a_ι^t): f'(a) = f(a)(1 − f(a)) takes the activation b_ι^t, not the net input.":
        "δ_ι^t 把 f'(a_ι^t) 算成了 a_ι^t (1 − a_ι^t)：f'(a) = f(a)(1 − f(a)) 中代入的是激活值 b_ι^t，而不是净输入。",
    "δ_ι^t is missing the factor f'(a_ι^t) = b_ι^t (1 − b_ι^t) of (9).":
        "δ_ι^t 缺少式 (9) 中的因子 f'(a_ι^t) = b_ι^t (1 − b_ι^t)。",
    "δ_ι^t uses the tanh derivative 1 − (b_ι^t)²; the gate is a sigmoid: f'(a_ι^t) = b_ι^t (1 − b_ι^t).":
        "δ_ι^t 用了 tanh 的导数 1 − (b_ι^t)²；门是 sigmoid：f'(a_ι^t) = b_ι^t (1 − b_ι^t)。",
    # the gate derivative of (7), (9), (10) in δ_φ^t
    "δ_φ^t uses f(a_φ^t) = b_φ^t where (10) needs f'(a_φ^t) = b_φ^t (1 − b_φ^t).":
        "δ_φ^t 用了 f(a_φ^t) = b_φ^t，而式 (10) 需要 f'(a_φ^t) = b_φ^t (1 − b_φ^t)。",
    "δ_φ^t computes f'(a_φ^t) as a_φ^t (1 − a_φ^t): f'(a) = f(a)(1 − f(a)) takes the activation b_φ^t, not the net input.":
        "δ_φ^t 把 f'(a_φ^t) 算成了 a_φ^t (1 − a_φ^t)：f'(a) = f(a)(1 − f(a)) 中代入的是激活值 b_φ^t，而不是净输入。",
    "δ_φ^t is missing the factor f'(a_φ^t) = b_φ^t (1 − b_φ^t) of (10).":
        "δ_φ^t 缺少式 (10) 中的因子 f'(a_φ^t) = b_φ^t (1 − b_φ^t)。",
    "δ_φ^t uses the tanh derivative 1 − (b_φ^t)²; the gate is a sigmoid: f'(a_φ^t) = b_φ^t (1 − b_φ^t).":
        "δ_φ^t 用了 tanh 的导数 1 − (b_φ^t)²；门是 sigmoid：f'(a_φ^t) = b_φ^t (1 − b_φ^t)。",
    # ---- lstm_core.symbolic: the chapters' SymPy displays (the words of their \text{}) ----
    # lstm_core.symbolic.derivation (every derivation's box); "deck" there is looked up as
    # "the deck" (lstm_core.symbolic.i18n_tex): "deck" above is the gate explorer's sequence
    "the deck": "课件",
    "machine": "机器推导",
    "machine (chain rule)": "机器推导（链式法则）",
    "closed form": "闭式",
    "to": "到",
    "of": "作用于",
    "difference": "差",
    "(NOT proved)": "（未证明）",
    "(FAILED)": "（失败）",
    "(TOO LARGE)": "（过大）",
    "numbers vs": "数值对照",
    # lstm_core.symbolic.dense_eqs (chapter 1)
    "The dense layer (ANN)": "全连接层（ANN）",
    "inputs,": "个输入，",
    "units,": "个单元，",
    "; numbers with": "；数值检验取",
    "proved for every unit, weight and input, also against": "对每个单元、权重和输入都已证明，并对照了",
    "written out": "（逐项写出）",
    # lstm_core.symbolic.rnn_eqs (chapters 2, 3)
    "The RNN: backpropagation through time": "RNN：随时间反向传播",
    "steps,": "个时间步，",
    "shown at": "展示的是",
    "; proved for every unit at every": "；对每个单元在每个时刻",
    ", every weight and every input": "、每个权重和每个输入都已证明",
    "The RNN: how far back an error reaches": "RNN：误差能向回传多远",
    "(the factor": "（因子",
    "on the left)": "在最左边）",
    "machine, one step:": "机器推导，单步：",
    "for": "对于",
    "since": "由于",
    "numbers vs BPTT in": "数值对照",
    ": relative error": " 中的 BPTT：相对误差",
    "; vs central differences:": "；对照中心差分：",
    # lstm_core.symbolic.lstm_eqs (chapters 4, 5)
    "Eq. (1): input gate": "式 (1)：输入门",
    "Eq. (2): forget gate": "式 (2)：遗忘门",
    "Eq. (3): cell state": "式 (3)：细胞状态",
    "Eq. (4): output gate": "式 (4)：输出门",
    "Eq. (5): cell output": "式 (5)：细胞输出",
    "Eq. (6): cell output": "式 (6)：细胞输出",
    "Eq. (7): output gate": "式 (7)：输出门",
    "Eq. (8): cell state": "式 (8)：细胞状态",
    "Eq. (9): input gate": "式 (9)：输入门",
    "Eq. (10): forget gate": "式 (10)：遗忘门",
    "Eq. (11): cell input": "式 (11)：细胞输入",
    "Eq. (12): weight gradients": "式 (12)：权重的梯度",
    "one block,": "一个记忆块，",
    "outputs,": "个输出，",
    "steps": "个时间步",
    "proved at every": "证明覆盖每个",
    "the deck's recurrent": "课件中的循环权重",
    "is written": "本书写作",
    "(one block:": "（一个记忆块：",
    "),": "），",
    "apart from the peepholes": "窥视孔连接除外",
    "book's (12)": "本书的 (12)",
    "source of": "来源：",
    "at": "，时刻",
    "six weights and one input shown": "展示六个权重和一个输入",
    "; proved at every": "；证明覆盖每个",
    "(rows of": "（",
    ")": "的行）",
    # the chapters' cells.show(...) labels (chapters 1, 2, 4, 5)
    "by sympy.diff:": "由 sympy.diff 求得：",
    "SymPy minus the closed forms,": "SymPy 的结果减去闭式，",
    "ReLU, by sympy.diff:": "ReLU，由 sympy.diff 求得：",
    "minus δ with θ' = 1 − y²:": "减去取 θ' = 1 − y² 的 δ：",
    "minus δ with θ' = step:": "减去取 θ' = 阶跃函数的 δ：",
    "sympy.diff, unit 1:": "sympy.diff，单元 1：",
    "(BPTT ε), unit 1:": "(BPTT ε)，单元 1：",
    "minus (BPTT ε):": "减去 (BPTT ε)：",
    "minus (BPTT δ):": "减去 (BPTT δ)：",
    "one step's share:": "一个时间步的贡献：",
    "minus (BPTT sums):": "减去 (BPTT sums)：",
    "sigmoid, by sympy.diff:": "Sigmoid，由 sympy.diff 求得：",
    "minus (1 − h²) ε:": "减去 (1 − h²) ε：",
    "minus h (1 − h) ε:": "减去 h (1 − h) ε：",
    "ε minus (BPTT ε):": "ε 减去 (BPTT ε)：",
    "(3), the new state:": "(3)，新的状态：",
    "(5), the output:": "(5)，输出：",
    "(3), coupled:": "(3)，耦合形式：",
    "(1) at t+1 reads it:": "t+1 时刻的 (1) 读取它：",
    "the chain rule:": "链式法则：",
    "CIFG, by sympy.diff:": "CIFG，由 sympy.diff 求得：",
    "minus (8) without φ:": "减去不含 φ 的 (8)：",
    # lstm_core.symbolic.summary (python -m lstm_core.symbolic; not in a chapter)
    "equation": "公式",
    "quantity": "量",
    "proofs run": "已运行的证明",
    "all zero": "全部为零",
    "relative error vs lstm_core": "相对 lstm_core 的相对误差",
    "input gate a_ι, b_ι": "输入门 a_ι, b_ι",
    "forget gate a_φ, b_φ": "遗忘门 a_φ, b_φ",
    "cell input a_c, state s_c": "细胞输入 a_c、细胞状态 s_c",
    "output gate a_ω, b_ω": "输出门 a_ω, b_ω",
    "cell output b_c": "细胞输出 b_c",
    "∂L/∂w: W, R, b, p, x": "∂L/∂w：W, R, b, p, x",
    "dense": "全连接层",
    "rnn BPTT": "RNN BPTT",
    "rnn Jacobian": "RNN 雅可比矩阵",
}

PATTERNS = {
    # ---- lstm_core.symbolic: the chapters' SymPy displays ----
    "{n:d} path from": "{n} 条路径：从",
    "{n:d} paths from": "{n} 条路径：从",
    "proofs run: {n:d}": "已运行的证明：{n}",
    "differences 0: {k:d} of {n:d}": "差为 0：{k}/{n}",
    "in {k:d} of {n:d} entries": "（{n} 个元素中的 {k} 个）",
    "minus the deck's ({n:d}):": "减去课件的 ({n})：",
    "minus ({n:d}), all {w:d} weights:": "减去 ({n})，全部 {w} 个权重：",
    "proved for all {n:d} weights": "已对全部 {n} 个权重证明",
    "and all {n:d} inputs": "和全部 {n} 个输入",
    ": the product of {d:d} factors minus the machine's Jacobian (forward mode, {e:d} entries)":
        "：{d} 个因子之积减去机器推导的雅可比矩阵（前向模式，{e} 个元素）",
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
    # ---- lstm_core.tutor ----
    # lstm_core.tutor: every output right; the cases are a "; "-separated list
    "every output equals the engine's on all {n:d} cases ({cases}).":
        "在全部 {n} 个用例上，每个输出都与引擎的结果一致（{cases}）。",
    # lstm_core.tutor.runner: the reader's function cannot be called or fails
    "expected your function itself, got {type} (pass it without calling it).":
        "应传入你的函数本身，却得到了 {type}（传入时不要调用它）。",
    "your function ran longer than the time limit of {limit:g} s on a case that the engine "
    "computes in well under a millisecond: look for a loop that does not end.":
        "你的函数在一个用例上运行超过了 {limit} s 的时间限制，而引擎算这个用例远不到 1 毫秒：检查是否有不会结束的循环。",
    "your function raised {exc}:  (line {n:d}: `{code}`).": "你的函数抛出了 {exc}（第 {n} 行：`{code}`）。",
    "your function raised {exc}:  (line {n:d}).": "你的函数抛出了 {exc}（第 {n} 行）。",
    "your function raised {exc}: .": "你的函数抛出了 {exc}。",
    "your function raised {exc}: {msg} -- a matrix product whose shapes do not fit: check which factor "
    "needs `.T` (line {n:d}: `{code}`).":
        "你的函数抛出了 {exc}：{msg}——矩阵乘积的形状不匹配：检查哪个因子需要 `.T`（第 {n} 行：`{code}`）。",
    "your function raised {exc}: {msg} -- a matrix product whose shapes do not fit: check which factor "
    "needs `.T` (line {n:d}).":
        "你的函数抛出了 {exc}：{msg}——矩阵乘积的形状不匹配：检查哪个因子需要 `.T`（第 {n} 行）。",
    "your function raised {exc}: {msg} -- a matrix product whose shapes do not fit: check which factor "
    "needs `.T`.":
        "你的函数抛出了 {exc}：{msg}——矩阵乘积的形状不匹配：检查哪个因子需要 `.T`。",
    "your function raised {exc}: {msg} (line {n:d}: `{code}`).": "你的函数抛出了 {exc}：{msg}（第 {n} 行：`{code}`）。",
    "your function raised {exc}: {msg} (line {n:d}).": "你的函数抛出了 {exc}：{msg}（第 {n} 行）。",
    "your function raised {exc}: {msg}.": "你的函数抛出了 {exc}：{msg}。",
    "your function changed its input `{a}` in place (with `+=`, `*=`, `out=` or an assignment into it): "
    "compute new arrays instead; the caller still needs `{b}`.":
        "你的函数原地修改了它的输入 `{a}`（用了 `+=`、`*=`、`out=` 或对它赋值）：请改为计算新的数组；"
        "调用者之后还要用到 `{b}`。",
    # lstm_core.tutor.runner: what the reader's function returned
    "your function returned None: not implemented yet, or a `return` is missing (expected the tuple ({names})).":
        "你的函数返回了 None：尚未实现，或者缺少 `return`（应返回元组 ({names})）。",
    "your function returned None: not implemented yet, or a `return` is missing (expected ({names})).":
        "你的函数返回了 None：尚未实现，或者缺少 `return`（应返回 ({names})）。",
    "expected a tuple of {n:d} arrays ({names}), got one {type}.":
        "应返回由 {n} 个数组组成的元组 ({names})，却只得到了一个 {type}。",
    "expected a tuple of {n:d} arrays ({names}), got a tuple of {m:d}.":
        "应返回由 {n} 个数组组成的元组 ({names})，却得到了含 {m} 个元素的元组。",
    "`{name}` ({symbol}): expected an ndarray of shape {shape}, got {type}.":
        "`{name}`（{symbol}）：应为形状 {shape} 的 ndarray，却得到了 {type}。",
    "`{name}` ({symbol}): expected a float array, got dtype {dtype}.":
        "`{name}`（{symbol}）：应为浮点数组，却得到了 dtype {dtype}。",
    "`{name}` ({symbol}): expected float64 like the inputs, got {dtype}.":
        "`{name}`（{symbol}）：应与输入一样为 float64，却得到了 {dtype}。",
    "`{name}` ({symbol}): expected shape {want}, got {got}: that is the shape of the transpose -- "
    "a gradient is shaped like its weight.":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}：这是转置的形状——梯度的形状与其权重相同。",
    "`{name}` ({symbol}): expected shape {want}, got {got}: one term per step -- sum them over the steps "
    "(axis 0), the gradient of a shared weight is a sum.":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}：每个时间步一项——请沿时间步（axis 0）求和，"
        "共享权重的梯度是一个和。",
    "`{name}` ({symbol}): expected shape {want}, got {got}: one term per sample -- sum them over the batch "
    "(axis 0), the gradient of a shared weight is a sum.":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}：每个样本一项——请沿批量（axis 0）求和，"
        "共享权重的梯度是一个和。",
    "`{name}` ({symbol}): expected shape {want}, got {got}: one term per step or sample -- sum them over "
    "the steps and the batch (axis 0), the gradient of a shared weight is a sum.":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}：每个时间步或样本一项——请沿时间步和批量（axis 0）求和，"
        "共享权重的梯度是一个和。",
    "`{name}` ({symbol}): expected shape {want}, got {got}: one term per step and sample -- sum over the "
    "steps and the batch.":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}：每个时间步和样本各一项——请对时间步和批量求和。",
    "`{name}` ({symbol}): expected shape {want}, got {got}: summed over the wrong axis? The sum runs over "
    "the batch (axis 0).":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}：是不是沿错了轴求和？应沿批量（axis 0）求和。",
    "`{name}` ({symbol}): expected shape {want}, got {got}.":
        "`{name}`（{symbol}）：应为形状 {want}，却得到了 {got}。",
    "`{name}` ({symbol}) contains NaN or inf.": "`{name}`（{symbol}）含有 NaN 或 inf。",
    # lstm_core.tutor.runner: a wrong value the tutor cannot name
    "`{name}` ({symbol}) differs on the case '{case}', first at step t = {t:d}, entry [{i:d}, {j:d}]: "
    "yours {y:g}, expected {e:g}. The tutor cannot name this mistake; compare that line with the "
    "equation, term by term.":
        "`{name}`（{symbol}）在用例“{case}”上与正确值不同，首次出现在时间步 t = {t}、元素 [{i}, {j}]："
        "你的值为 {y}，应为 {e}。辅导程序无法指出这是哪种错误；请把那一行与公式逐项对照。",
    "`{name}` ({symbol}) differs on the case '{case}', first at entry {idx}: yours {y:g}, expected {e:g}. "
    "The tutor cannot name this mistake; compare that line with the equation, term by term.":
        "`{name}`（{symbol}）在用例“{case}”上与正确值不同，首次出现在元素 {idx}："
        "你的值为 {y}，应为 {e}。辅导程序无法指出这是哪种错误；请把那一行与公式逐项对照。",
    "`{name}` ({symbol}) differs on the case '{case}',: yours {y:g}, expected {e:g}. The tutor cannot "
    "name this mistake; compare that line with the equation, term by term.":
        "`{name}`（{symbol}）在用例“{case}”上与正确值不同：你的值为 {y}，应为 {e}。"
        "辅导程序无法指出这是哪种错误；请把那一行与公式逐项对照。",
    # lstm_core.tutor: the mistakes every output can have (runner._generic)
    "{symbol} has the wrong sign: every term enters with +.": "{symbol} 的符号反了：每一项都以 + 号计入。",
    "{symbol} is averaged over the batch (divided by N); the gradient of a shared weight is the sum "
    "over the batch.":
        "{symbol} 对批量取了平均（除以 N）；共享权重的梯度是对批量的求和。",
    "{symbol} is averaged over the steps (divided by T); the gradient of a shared weight is the sum "
    "over the steps.":
        "{symbol} 对时间步取了平均（除以 T）；共享权重的梯度是对所有时间步的求和。",
    # lstm_core.tutor.lstm_checks: the terms of (8) ε_s^t can miss, one or two (in STRINGS)
    "ε_s^t is missing {a}, and {b}.": "ε_s^t 缺少{a}，以及{b}。",
    "ε_s^t is missing {term}.": "ε_s^t 缺少{term}。",
    "ε_s^t has the wrong sign on {term}.": "ε_s^t 中这一项的符号反了：{term}。",
}
