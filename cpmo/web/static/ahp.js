// Live consistency ratio for the AHP form: on every change the judgements are sent to the
// page's check endpoint (the server does the maths) and the result is announced politely.
const form = document.getElementById('ahp-form')
const result = document.getElementById('ahp-result')

if (form && result && window.fetch) {
  const names = {}
  form.querySelectorAll('select').forEach((select) => {
    const label = form.querySelector(`label[for="${CSS.escape(select.id)}"]`)
    const [, a, b] = select.name.split(':')
    if (label) {
      const [first, second] = label.textContent.split(' compared with ')
      names[a] = first
      names[b] = second
    }
  })

  const check = async () => {
    const body = new URLSearchParams(new FormData(form))
    body.delete('action')
    try {
      const response = await fetch(form.dataset.checkUrl, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body
      })
      const data = await response.json()
      if (!response.ok) {
        result.textContent = data.error || 'The judgements could not be checked.'
        return
      }
      const weights = Object.entries(data.weights)
        .map(([key, value]) => `${names[key] || key} ${(value * 100).toFixed(1)}%`)
        .join(', ')
      const verdict = data.consistent ? 'consistent enough' : 'too inconsistent'
      const revisit = !data.consistent && data.most_inconsistent.length
        ? ` Revisit ${names[data.most_inconsistent[0]]} against ${names[data.most_inconsistent[1]]}.`
        : ''
      result.textContent = `Consistency ratio ${data.cr.toFixed(3)}: ${verdict}.${revisit} Weights: ${weights}.`
    } catch (error) {
      result.textContent = 'The judgements could not be checked just now.'
    }
  }

  form.addEventListener('change', (event) => {
    if (event.target.matches('select')) check()
  })
}
