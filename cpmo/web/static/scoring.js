// The scoring grid saves each score as the scorer leaves its box, and Enter moves down the
// column. Without JavaScript the grid is an ordinary form with a save button.
const grid = document.getElementById('scoring-grid')
const status = document.getElementById('save-status')

if (grid && status && window.fetch) {
  const token = grid.querySelector('input[name="csrf_token"]').value
  const saved = new Map()
  grid.querySelectorAll('input[data-row]').forEach((input) => saved.set(input.name, input.value))

  const showError = (input, message) => {
    input.classList.add('govuk-input--error')
    input.setAttribute('aria-invalid', 'true')
    status.textContent = message
  }

  const save = async (input) => {
    const value = input.value.trim()
    if (value === '' || value === saved.get(input.name)) return
    const body = new URLSearchParams({ csrf_token: token, [input.name]: value })
    status.textContent = 'Saving…'
    try {
      const response = await fetch(grid.action || window.location.href, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        body
      })
      const result = await response.json()
      if (response.ok) {
        saved.set(input.name, value)
        input.classList.remove('govuk-input--error')
        input.removeAttribute('aria-invalid')
        const label = grid.querySelector(`label[for="${input.id}"]`)
        status.textContent = `Saved: ${label ? label.textContent : 'score'} = ${value}`
      } else {
        const messages = Object.values(result.errors || {}).flat()
        showError(input, messages[0] || 'That score was not saved.')
      }
    } catch (error) {
      showError(input, 'That score was not saved: check your connection and try again.')
    }
  }

  grid.addEventListener('change', (event) => {
    if (event.target.matches('input[data-row]')) save(event.target)
  })
  grid.addEventListener('keydown', (event) => {
    const input = event.target
    if (event.key !== 'Enter' || !input.matches('input[data-row]')) return
    event.preventDefault()
    save(input)
    const below = grid.querySelector(
      `input[data-row="${Number(input.dataset.row) + 1}"][data-col="${input.dataset.col}"]`
    )
    if (below) below.focus()
  })
}
