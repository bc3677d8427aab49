// Installed in the Tape page by the live-tail bench (bench/Journal.Benchmarks/ControlRoom/LiveTailBenchmark.cs).
// Measures, in the page: the gaps between animation frames (a frozen page skips frames), the long tasks
// (main-thread work over 50 ms, from the Long Tasks API), and how often the tail's rows changed.
(() => {
  const state = { gaps: [], longTasks: [], mutations: 0, last: 0 };
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      state.longTasks.push(entry.duration);
    }
  }).observe({ type: 'longtask' });
  const frame = at => {
    if (state.last > 0) {
      state.gaps.push(at - state.last);
    }
    state.last = at;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const body = document.querySelector('table[aria-label="Latest events"] tbody');
  // One callback per batch of DOM changes: about one per render the server sent.
  new MutationObserver(() => { state.mutations++; }).observe(body, { childList: true, subtree: true, characterData: true, attributes: true });
  window.__tailProbe = {
    reset() {
      state.gaps = [];
      state.longTasks = [];
      state.mutations = 0;
      state.last = 0;
    },
    top() {
      const row = body.querySelector('tr[data-seq]');
      return row ? Number(row.dataset.seq) : 0;
    },
    take() {
      return { gaps: state.gaps, longTasks: state.longTasks, mutations: state.mutations, rows: body.querySelectorAll('tr').length };
    },
  };
})();
