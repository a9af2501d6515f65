(function(){"use strict";
var id="__ID__";
function init(){
var root=document.getElementById(id);if(!root||root.dataset.ready)return;root.dataset.ready="1";
var spec=JSON.parse(document.getElementById(id+"-data").textContent);
var plot=root.querySelector(".lstm-explorer-plot");
if(typeof window.Plotly==="undefined"){
plot.textContent="This figure needs plotly.js, which this page did not load.";return;}
var inputs=root.querySelectorAll("input[type=range]"),outs=root.querySelectorAll("output");
var base=spec.figure.data;
function update(){
var k=0,c,v;
for(c=0;c<inputs.length;c++){
var i=+inputs[c].value;k=k*spec.shape[c]+i;outs[c].textContent=spec.controls[c].readouts[i];}
var row=spec.values[k],data=plot.data.map(function(t){return Object.assign({},t);});
for(v=0;v<spec.varying.length;v++){data[spec.varying[v][0]][spec.varying[v][1]]=row[v];}
return Plotly.react(plot,data,plot.layout,spec.config);}
Plotly.newPlot(plot,base,spec.figure.layout,spec.config).then(function(){
for(var c=0;c<inputs.length;c++)inputs[c].addEventListener("input",update);update();});}
if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",init);else init();
})();
