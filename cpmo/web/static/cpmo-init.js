// Progressive enhancement only: every page works without JavaScript.
import { initAll } from './govuk/govuk-frontend.min.js'

initAll()

// The reading room: a framed report (same site) grows to its content's height, so the report
// reads with the page's one scroll bar; it is measured again when the window changes width.
function fitReport (frame) {
  const doc = frame.contentDocument
  if (!doc || !doc.documentElement) return
  frame.style.height = '0px'
  frame.style.height = doc.documentElement.scrollHeight + 2 + 'px'
}

for (const frame of document.querySelectorAll('iframe.cpmo-report')) {
  frame.addEventListener('load', () => fitReport(frame))
  if (frame.contentDocument && frame.contentDocument.readyState === 'complete') fitReport(frame)
  window.addEventListener('resize', () => fitReport(frame))
}
