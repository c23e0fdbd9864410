document.getElementById('status')!.textContent = 'ready';
