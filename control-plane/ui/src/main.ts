import { render } from 'preact'
import 'uplot/dist/uPlot.min.css'
import './styles.css'
import { App } from './app.js'
import { html } from './html.js'

const root = document.getElementById('app')
// When the script began to run, for the page-load figures of the browser tests.
performance.mark('prodbench:script')
if (root) render(html`<${App} />`, root)
