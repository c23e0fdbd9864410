// The sidebar's own mark at the same point (entrypoints/sidebar/main.tsx): every module has run.
performance.mark('sidecar:main');
document.getElementById('root')!.textContent = 'ready';
