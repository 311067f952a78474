/*
 * wdchart.js: a small SVG line chart for time series, written for the WarpDrive web console.
 * No dependencies. One chart shows several named series over a sliding time window:
 *
 *   const chart = new WdChart.LineChart(element, { format: v => v.toFixed(1), windowMs: 300000 });
 *   chart.update({ t: [epochMs, ...], series: [{ name: 'soft', values: [1.5, null, 2, ...] }] });
 *
 * Values are aligned with t; null (or a missing value) breaks the line. The time axis is
 * relative to the newest point ("-5 min" ... "now"), so client and server clocks need not
 * agree. Each series keeps its colour for the life of the chart. After every update the
 * <svg> carries data-points (values drawn) and data-max (largest value), and each line a
 * data-series name and its own data-points, for people and tests that inspect the page.
 */
(function (global) {
  'use strict';

  const SVG_NS = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#2b6cb0', '#c05621', '#2f855a', '#9b2c2c', '#6b46c1', '#b7791f', '#2c7a7b', '#97266d'];
  const MARGIN = { top: 10, right: 14, bottom: 24, left: 56 };

  function svgElement(name, attributes, parent) {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes || {})) {
      e.setAttribute(k, String(v));
    }
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  /** A round step (1, 2 or 5 times a power of ten) that cuts [0, max] into about `count` parts. */
  function niceStep(max, count) {
    if (!(max > 0)) {
      return 1;
    }
    const raw = max / Math.max(1, count);
    const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    const fraction = raw / magnitude;
    const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** "-4 min", "-30 s", "now": how long before the newest point. */
  function agoLabel(ms) {
    if (ms <= 0) {
      return 'now';
    }
    const s = Math.round(ms / 1000);
    return s % 60 === 0 ? '-' + s / 60 + ' min' : '-' + s + ' s';
  }

  class LineChart {
    /**
     * @param container element the chart is appended to
     * @param options format(value) for the value axis; windowMs, the time span shown
     *        (default 5 min); minTop, the least top of the value axis (default 1), so that
     *        an idle chart has a sensible scale; width and height of the drawing in SVG units
     *        (640 x 220); label, what the chart shows (for screen readers)
     */
    constructor(container, options) {
      const o = options || {};
      this.format = o.format || (v => String(v));
      this.windowMs = o.windowMs || 300000;
      this.minTop = o.minTop || 1;
      this.width = o.width || 640;
      this.height = o.height || 220;
      this.colors = new Map();
      this.root = document.createElement('div');
      this.root.className = 'wdchart';
      this.svg = svgElement('svg', {
        viewBox: '0 0 ' + this.width + ' ' + this.height,
        role: 'img',
        'aria-label': o.label || 'chart',
      }, this.root);
      this.legend = document.createElement('div');
      this.legend.className = 'legend';
      this.root.appendChild(this.legend);
      container.appendChild(this.root);
      this.update({ t: [], series: [] });
    }

    colorOf(name) {
      if (!this.colors.has(name)) {
        this.colors.set(name, PALETTE[this.colors.size % PALETTE.length]);
      }
      return this.colors.get(name);
    }

    setWindow(ms) {
      if (ms > 0) {
        this.windowMs = ms;
      }
    }

    update(data) {
      const t = data.t || [];
      const series = data.series || [];
      const plot = {
        x0: MARGIN.left,
        x1: this.width - MARGIN.right,
        y0: this.height - MARGIN.bottom,
        y1: MARGIN.top,
      };
      const end = t.length ? t[t.length - 1] : 0;
      const start = end - this.windowMs;

      let max = 0;
      let drawn = 0;
      for (const s of series) {
        for (let i = 0; i < t.length; i++) {
          const v = s.values[i];
          if (v !== null && v !== undefined && isFinite(v) && t[i] >= start) {
            max = Math.max(max, v);
          }
        }
      }
      const scale = Math.max(max, this.minTop);
      const step = niceStep(scale, 4);
      const top = Math.ceil(scale / step) * step;
      const x = ms => plot.x0 + (plot.x1 - plot.x0) * (ms - start) / this.windowMs;
      const y = v => plot.y0 - (plot.y0 - plot.y1) * v / top;

      while (this.svg.firstChild) {
        this.svg.removeChild(this.svg.firstChild);
      }
      // Value axis: grid lines and labels.
      for (let v = 0; v <= top + step / 2; v += step) {
        const yy = y(v).toFixed(1);
        svgElement('line', { class: 'grid', x1: plot.x0, x2: plot.x1, y1: yy, y2: yy }, this.svg);
        const label = svgElement('text', { class: 'axis-label', x: plot.x0 - 6, y: yy, 'text-anchor': 'end',
          'dominant-baseline': 'middle' }, this.svg);
        label.textContent = this.format(v);
      }
      // Time axis: a label every minute (every 10 s for short windows), relative to the newest point.
      const tick = this.windowMs > 120000 ? 60000 : 10000;
      for (let ago = 0; ago <= this.windowMs; ago += tick) {
        const label = svgElement('text', { class: 'axis-label', x: x(end - ago).toFixed(1), y: this.height - 6,
          'text-anchor': ago === 0 ? 'end' : ago === this.windowMs ? 'start' : 'middle' }, this.svg);
        label.textContent = agoLabel(ago);
      }

      this.legend.replaceChildren();
      for (const s of series) {
        const color = this.colorOf(s.name);
        let d = '';
        let points = 0;
        let pen = false;
        for (let i = 0; i < t.length; i++) {
          const v = s.values[i];
          if (v === null || v === undefined || !isFinite(v) || t[i] < start) {
            pen = false;
            continue;
          }
          d += (pen ? 'L' : 'M') + x(t[i]).toFixed(1) + ' ' + y(v).toFixed(1);
          pen = true;
          points++;
        }
        const path = svgElement('path', { class: 'series', d: d || 'M0 0', stroke: color,
          'data-series': s.name, 'data-points': points }, this.svg);
        if (!d) {
          path.setAttribute('visibility', 'hidden');
        }
        drawn += points;

        const item = document.createElement('span');
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.backgroundColor = color;
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(s.name));
        this.legend.appendChild(item);
      }
      if (drawn === 0) {
        const empty = svgElement('text', { class: 'empty', x: (plot.x0 + plot.x1) / 2, y: (plot.y0 + plot.y1) / 2,
          'text-anchor': 'middle' }, this.svg);
        empty.textContent = 'no data yet';
      }
      this.svg.setAttribute('data-points', drawn);
      this.svg.setAttribute('data-max', max);
    }
  }

  global.WdChart = { LineChart, niceStep };
})(window);
